using System.Text.Json;
using Nimbus.Core;
using Nimbus.EventBridge.Model;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Events;

internal static class PutTargetsOperation
{
    private static readonly string[] Known = ["Id", "Arn", "RoleArn", "Input", "InputPath", "InputTransformer", "RetryPolicy", "DeadLetterConfig"];

    public static void Invoke(EventsService service, AwsScope scope, JsonRequest request, Utf8JsonWriter response)
    {
        var entries = request.Objects("Targets") ?? throw EventsErrors.Constraint(null, "targets", "Member must not be null");
        if (entries.Count is < 1 or > 10)
        {
            throw EventsErrors.Constraint($"[{entries.Count} targets]", "targets", "Member must have length less than or equal to 10");
        }
        var failed = service.PutTargets(scope, request.String("EventBusName", 1600, 1, Names.BusOrArn()), request.Required("Rule", 64, 1, Names.Rule()),
            entries.Select(Target).ToList());
        EventsWriters.FailedEntries(response, failed);
    }

    private static TargetRecord Target(JsonRequest entry)
    {
        var transformer = entry.Object("InputTransformer");
        var retry = entry.Object("RetryPolicy");
        return new TargetRecord
        {
            Id = entry.Required("Id", 64, 1, Names.TargetId()),
            Arn = entry.Required("Arn", 1600),
            RoleArn = entry.String("RoleArn", 1600, 1),
            Input = entry.String("Input", 8192),
            InputPath = entry.String("InputPath", 256),
            InputPathsMap = transformer?.Map("InputPathsMap"),
            InputTemplate = transformer is null ? null : transformer.Required("InputTemplate", 8192),
            // RetryPolicy limits of the model: 0–185 attempts, 60–86,400 seconds.
            MaximumRetryAttempts = retry?.Int("MaximumRetryAttempts", 0, 185),
            MaximumEventAgeInSeconds = retry?.Int("MaximumEventAgeInSeconds", 60, 86_400),
            DeadLetterArn = entry.Object("DeadLetterConfig")?.String("Arn", 1600, 1),
            OtherParameters = entry.Others(Known),
        };
    }
}

using Nimbus.EventBridge.Model;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Scheduler;

/// <summary>Reads the body CreateSchedule and UpdateSchedule share.</summary>
internal static class ScheduleInput
{
    private static readonly string[] KnownTarget = ["Arn", "RoleArn", "Input", "RetryPolicy", "DeadLetterConfig"];

    public static ScheduleDefinition Read(SchedulerRequest request)
    {
        var body = request.Body;
        var flexible = body.Object("FlexibleTimeWindow") ?? throw SchedulerErrors.Validation("FlexibleTimeWindow is required.");
        var target = body.Object("Target") ?? throw SchedulerErrors.Validation("Target is required.");
        var retry = target.Object("RetryPolicy");
        return new ScheduleDefinition
        {
            Name = request.Name(),
            GroupName = body.String("GroupName", 64, 1, Names.ScheduleName()),
            ScheduleExpression = body.Required("ScheduleExpression", 256),
            ScheduleExpressionTimezone = body.String("ScheduleExpressionTimezone", 50, 1),
            StartDate = body.Timestamp("StartDate"),
            EndDate = body.Timestamp("EndDate"),
            Description = body.String("Description", 512),
            State = Enum(body.String("State"), "state", "ENABLED", "DISABLED"),
            FlexibleTimeWindowMode = Enum(flexible.Required("Mode"), "flexibleTimeWindow.mode", "OFF", "FLEXIBLE")!,
            MaximumWindowInMinutes = flexible.Int("MaximumWindowInMinutes", 1, 1440),
            KmsKeyArn = body.String("KmsKeyArn", 2048, 1),
            ActionAfterCompletion = Enum(body.String("ActionAfterCompletion"), "actionAfterCompletion", "NONE", "DELETE"),
            Target = new ScheduleTargetRecord
            {
                Arn = target.Required("Arn", 1600),
                RoleArn = target.Required("RoleArn", 1600),
                Input = target.String("Input", int.MaxValue, 1),
                MaximumRetryAttempts = retry?.Int("MaximumRetryAttempts", 0, 185),
                MaximumEventAgeInSeconds = retry?.Int("MaximumEventAgeInSeconds", 60, 86_400),
                DeadLetterArn = target.Object("DeadLetterConfig")?.String("Arn", 1600, 1),
                OtherParameters = target.Others(KnownTarget),
            },
        };
    }

    private static string? Enum(string? value, string member, params string[] allowed) =>
        value is null || allowed.Contains(value)
            ? value
            : throw EventsErrors.Constraint(value, member, $"Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
}

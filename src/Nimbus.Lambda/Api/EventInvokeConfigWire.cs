using Nimbus.Core;
using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Model;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary>Event invoke configuration shapes ↔ the model, shared by its five operations.</summary>
internal static class EventInvokeConfigWire
{
    /// <summary>The function and qualifier, from the path (<c>name:qualifier</c> allowed) and the <c>Qualifier</c> query member.</summary>
    public static (string Name, string? Qualifier) Target(LambdaCall call)
    {
        var (name, qualifier) = FunctionNameParser.Parse(call.Label("FunctionName"), call.Query("Qualifier"));
        return (name, string.IsNullOrEmpty(qualifier) ? null : qualifier);
    }

    public static async Task PutAsync(LambdaCall call, bool merge)
    {
        var (name, qualifier) = Target(call);
        var dto = await call.ReadJsonAsync(LambdaJsonContext.Default.EventInvokeConfigRequestDto);
        var input = new EventInvokeConfigInput
        {
            MaximumRetryAttempts = dto.MaximumRetryAttempts,
            MaximumEventAgeInSeconds = dto.MaximumEventAgeInSeconds,
            HasDestinationConfig = dto.DestinationConfig is not null,
            // An empty destination ARN is the model's way of saying "none".
            OnSuccess = NullIfEmpty(dto.DestinationConfig?.OnSuccess?.Destination),
            OnFailure = NullIfEmpty(dto.DestinationConfig?.OnFailure?.Destination),
        };
        var (key, config) = call.Service.PutEventInvokeConfig(call.Scope, name, qualifier, input, merge);
        await call.WriteJsonAsync(200, ToDto(call.Scope, name, key, config), LambdaJsonContext.Default.FunctionEventInvokeConfigDto);
    }

    public static FunctionEventInvokeConfigDto ToDto(AwsScope scope, string name, string qualifier, EventInvokeConfig config) => new()
    {
        LastModified = config.LastModified.ToUnixTimeMilliseconds() / 1000.0,
        FunctionArn = LambdaService.FunctionArn(scope, name, qualifier),
        MaximumRetryAttempts = config.MaximumRetryAttempts,
        MaximumEventAgeInSeconds = config.MaximumEventAgeInSeconds,
        // AWS answers with both members, empty when no destination is set.
        DestinationConfig = new DestinationConfigDto
        {
            OnSuccess = new DestinationDto { Destination = config.OnSuccess },
            OnFailure = new DestinationDto { Destination = config.OnFailure },
        },
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

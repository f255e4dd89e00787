namespace Nimbus.Lambda.Model;

/// <summary>
/// What a Put/UpdateFunctionEventInvokeConfig request carries. <see cref="HasDestinationConfig"/> tells a
/// <c>DestinationConfig</c> given with no destinations (clears them) from one left out (Update keeps them).
/// </summary>
internal sealed record EventInvokeConfigInput
{
    public int? MaximumRetryAttempts { get; init; }

    public int? MaximumEventAgeInSeconds { get; init; }

    public bool HasDestinationConfig { get; init; }

    public string? OnSuccess { get; init; }

    public string? OnFailure { get; init; }

    public bool IsEmpty => MaximumRetryAttempts is null && MaximumEventAgeInSeconds is null && !HasDestinationConfig;
}

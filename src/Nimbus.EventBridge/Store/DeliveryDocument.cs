namespace Nimbus.EventBridge.Store;

/// <summary>A <see cref="Model.Delivery"/> as stored: the scope flattened, the id and schedule kept in columns.</summary>
internal sealed record DeliveryDocument(
    string AccountId, string Region, string FunctionArn, string Payload, string Source, DateTimeOffset CreatedAt,
    int Attempts, int MaximumRetryAttempts, int MaximumEventAgeInSeconds, string? DeadLetterArn, long? FiringId = null);

namespace Nimbus.S3.Notifications;

/// <summary>A bucket's notification configuration: the Lambda destinations S3 invokes. Empty turns notifications off.</summary>
internal sealed record NotificationConfiguration(IReadOnlyList<LambdaNotification> LambdaFunctions)
{
    public static NotificationConfiguration Empty { get; } = new([]);

    public bool IsEmpty => LambdaFunctions.Count == 0;
}

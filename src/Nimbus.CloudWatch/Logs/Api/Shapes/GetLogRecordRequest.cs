namespace Nimbus.CloudWatch.Logs.Api.Shapes;

internal sealed class GetLogRecordRequest
{
    public string? LogRecordPointer { get; init; }

    public bool? Unmask { get; init; }
}

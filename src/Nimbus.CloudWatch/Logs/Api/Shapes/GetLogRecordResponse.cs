namespace Nimbus.CloudWatch.Logs.Api.Shapes;

internal sealed class GetLogRecordResponse
{
    public Dictionary<string, string>? LogRecord { get; init; }
}

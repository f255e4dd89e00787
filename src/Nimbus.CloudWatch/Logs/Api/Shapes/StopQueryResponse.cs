namespace Nimbus.CloudWatch.Logs.Api.Shapes;

internal sealed class StopQueryResponse
{
    public bool Success { get; init; }
}

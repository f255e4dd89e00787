namespace Nimbus.CloudWatch.Logs.Api.Shapes;

internal sealed class StartQueryResponse
{
    public string? QueryId { get; init; }
}

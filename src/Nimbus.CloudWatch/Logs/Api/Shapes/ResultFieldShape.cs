namespace Nimbus.CloudWatch.Logs.Api.Shapes;

internal sealed class ResultFieldShape
{
    public string? Field { get; init; }

    public string? Value { get; init; }
}

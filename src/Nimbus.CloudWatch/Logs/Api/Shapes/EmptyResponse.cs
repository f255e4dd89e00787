namespace Nimbus.CloudWatch.Logs.Api.Shapes;

/// <summary>The empty <c>{}</c> answer of operations without output.</summary>
internal sealed class EmptyResponse
{
}

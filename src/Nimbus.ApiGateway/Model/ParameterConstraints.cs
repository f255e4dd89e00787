namespace Nimbus.ApiGateway.Model;

internal sealed class ParameterConstraints
{
    public bool? Required { get; set; }
}

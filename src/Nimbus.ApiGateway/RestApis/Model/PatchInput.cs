namespace Nimbus.ApiGateway.RestApis.Model;

internal sealed class PatchInput
{
    public List<PatchOperation>? PatchOperations { get; set; }
}

namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary>
/// <c>$input.json</c> or <c>$input.path</c> on a body that is not JSON: AWS answers 400
/// <c>Could not parse request body into json: …</c>.
/// </summary>
internal sealed class VelocityBodyException : Exception
{
    public VelocityBodyException(string message)
        : base(message)
    {
    }
}

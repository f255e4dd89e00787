namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary>A mapping template that does not parse (or a construct Nimbus does not evaluate): AWS answers the client 500.</summary>
internal sealed class VelocityException : Exception
{
    public VelocityException(string message)
        : base(message)
    {
    }
}

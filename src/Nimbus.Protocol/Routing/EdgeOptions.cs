using Nimbus.Core;

namespace Nimbus.Protocol.Routing;

/// <summary>Settings of the edge endpoint that shape every request's scope.</summary>
public sealed record EdgeOptions
{
    public string DefaultAccountId { get; init; } = AwsScope.DefaultAccountId;

    public string DefaultRegion { get; init; } = AwsScope.DefaultRegion;
}

namespace Nimbus.ApiGateway.Tests.Infrastructure;

/// <summary>One server and one set of functions for all data-plane test classes (functions take seconds to create).</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}

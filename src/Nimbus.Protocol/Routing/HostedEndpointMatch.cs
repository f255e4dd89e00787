namespace Nimbus.Protocol.Routing;

/// <summary>A request claimed by a hosted endpoint: the handler, the resource id and the path below it.</summary>
public readonly record struct HostedEndpointMatch(IHostedEndpointHandler Handler, string Id, string Path);

namespace Nimbus.ApiGateway.Runtime;

/// <summary>An HTTP backend's answer, or none because it could not be reached or did not answer in time.</summary>
internal readonly record struct BackendCall(GatewayResponse? Response, bool TimedOut);

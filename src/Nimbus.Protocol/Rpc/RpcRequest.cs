using Nimbus.Protocol.Documents;

namespace Nimbus.Protocol.Rpc;

/// <summary>An RPC-style AWS request decoded from whichever protocol carried it.</summary>
/// <param name="Operation">The operation name from the CBOR path, the <c>X-Amz-Target</c> suffix or <c>Action</c>; empty if none.</param>
public sealed record RpcRequest(AwsProtocol Protocol, string Operation, WireValue Input);

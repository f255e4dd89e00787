namespace Nimbus.Server;

/// <summary>
/// Server settings. Command line (<c>--port 4566 --bind 127.0.0.1 --data-dir ./.nimbus</c>), environment
/// (<c>NIMBUS_PORT</c>, <c>NIMBUS_BIND</c>, <c>NIMBUS_DATA_DIR</c>, …) or the <c>Nimbus</c> configuration section.
/// </summary>
public sealed record NimbusOptions
{
    public int Port { get; init; } = 4566;

    public string BindAddress { get; init; } = "127.0.0.1";

    public string DataDirectory { get; init; } = "./.nimbus";

    public string AccountId { get; init; } = Core.AwsScope.DefaultAccountId;

    public string Region { get; init; } = Core.AwsScope.DefaultRegion;

    /// <summary>How long an idle execution environment stays warm before it is reaped.</summary>
    public TimeSpan EnvironmentIdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// <c>auto</c> (bubblewrap + cgroups where the host allows) or <c>process</c> (never sandbox); <c>--isolation</c>.
    /// </summary>
    public Nimbus.Execution.IsolationMode Isolation { get; init; } = Nimbus.Execution.IsolationMode.Auto;

    /// <summary>New execution environments per function per <see cref="ScaleOutPeriod"/> (AWS: 1,000 every 10 s); <c>--scale-out-limit</c>.</summary>
    public int ScaleOutLimit { get; init; } = 1000;

    /// <summary>The period of <see cref="ScaleOutLimit"/>; <c>--scale-out-period</c> (seconds).</summary>
    public TimeSpan ScaleOutPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Interpreter per runtime identifier, overriding discovery (e.g. <c>nodejs22.x=/opt/node22/bin/node</c>).</summary>
    public IReadOnlyDictionary<string, string> RuntimeInterpreters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Access keys whose SigV4 signatures are verified (default <c>test</c>/<c>test</c>) and whether unknown keys are refused
    /// (<c>NIMBUS_CREDENTIALS=key:secret,…</c>, <c>NIMBUS_STRICT_SIGNATURES=true</c>).
    /// </summary>
    public Nimbus.Protocol.SigV4.SigV4Credentials Credentials { get; init; } = new();

    /// <summary>
    /// The console's token when the server binds beyond loopback (<c>NIMBUS_CONSOLE_TOKEN</c>); null: a random one
    /// per start, printed with the console's address.
    /// </summary>
    public string? ConsoleToken { get; init; }

    /// <summary>
    /// When DynamoDB answers an item write (<c>--dynamodb-durability process|fsync</c>, <c>NIMBUS_DYNAMODB_DURABILITY</c>):
    /// once the write is in SQLite's WAL, with the WAL fsynced right behind the answers (the default), or only after that
    /// fsync. It survives <c>kill -9</c> either way — the promise the architecture makes for every acknowledged write —
    /// and a power loss only with <c>fsync</c>, which on a VM costs a closed-loop caller the fsync's latency on every write.
    /// </summary>
    public Nimbus.Core.Storage.WriteDurability DynamoDbDurability { get; init; } = Nimbus.Core.Storage.WriteDurability.Process;

    /// <summary>WebSocket API limits (AWS's by default: 128 KB messages, 10 minutes idle, 2 hours per connection).</summary>
    public Nimbus.ApiGateway.WebSockets.WebSocketLimits WebSockets { get; init; } = new();

    /// <summary>Where REST APIs' Cognito authorizers find user pools' keys (<c>NIMBUS_COGNITO_ISSUER_BASE</c>, <c>NIMBUS_COGNITO_JWKS</c>).</summary>
    public Nimbus.ApiGateway.RestApis.CognitoUserPoolOptions CognitoUserPools { get; init; } = new();
}

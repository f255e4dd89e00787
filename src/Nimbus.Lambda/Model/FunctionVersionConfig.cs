namespace Nimbus.Lambda.Model;

/// <summary>
/// The configuration of one version of a function (<c>$LATEST</c> or a published number). Immutable: every
/// change produces a new instance with a new <see cref="RevisionId"/>, so readers on the invoke path never lock.
/// </summary>
internal sealed record FunctionVersionConfig
{
    public required string FunctionName { get; init; }

    /// <summary><c>$LATEST</c> or a published version number.</summary>
    public required string Version { get; init; }

    public required string Runtime { get; init; }

    public required string Role { get; init; }

    public required string Handler { get; init; }

    public string Description { get; init; } = "";

    public int TimeoutSeconds { get; init; } = 3;

    public int MemorySizeMb { get; init; } = 128;

    public int EphemeralStorageMb { get; init; } = 512;

    public string Architecture { get; init; } = "x86_64";

    public Dictionary<string, string>? Environment { get; init; }

    public string TracingMode { get; init; } = "PassThrough";

    public string LogFormat { get; init; } = "Text";

    public string? ApplicationLogLevel { get; init; }

    public string? SystemLogLevel { get; init; }

    public string? LogGroup { get; init; }

    /// <summary>Stored and reported; delivered to once Nimbus has a queue service.</summary>
    public string? DeadLetterTargetArn { get; init; }

    /// <summary>Base64 SHA-256 of the zip, as AWS reports <c>CodeSha256</c>.</summary>
    public required string CodeSha256 { get; init; }

    /// <summary>Lower-case hex SHA-256 of the zip: the file name in the code store.</summary>
    public required string CodeHashHex { get; init; }

    public required long CodeSize { get; init; }

    public required DateTimeOffset LastModified { get; init; }

    public required string RevisionId { get; init; }

    public FunctionState State { get; init; } = FunctionState.Pending;

    public LastUpdateStatus? LastUpdateStatus { get; init; }

    public string EffectiveLogGroup => LogGroup ?? "/aws/lambda/" + FunctionName;

    /// <summary>What a published version is compared on: publishing unchanged code and configuration returns the last version.</summary>
    public string Fingerprint() => string.Join('\u001f', CodeHashHex, Runtime, Role, Handler, Description, TimeoutSeconds, MemorySizeMb,
        EphemeralStorageMb, Architecture, TracingMode, LogFormat, LogGroup ?? "", DeadLetterTargetArn ?? "",
        Environment is null ? "" : string.Join('\u001e', Environment.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)));
}

namespace Nimbus.Protocol.SigV4;

/// <summary>
/// The access keys whose secrets Nimbus knows, so it can check their signatures. Requests signed with a known key are
/// verified as AWS verifies them; requests signed with an unknown key are accepted unverified (the emulator habit that
/// lets any credentials work) unless <see cref="RequireKnownKeys"/> is set, when they get <c>InvalidAccessKeyId</c>.
/// The default knows <c>test</c>/<c>test</c>, the pair AWS emulator users already configure.
/// </summary>
public sealed record SigV4Credentials
{
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal) { ["test"] = "test" };

    public bool RequireKnownKeys { get; init; }

    /// <summary>
    /// From settings: <c>keyId:secret,keyId2:secret2</c> (null keeps the default <c>test:test</c>) and the strict flag.
    /// </summary>
    public static SigV4Credentials Parse(string? pairs, bool requireKnownKeys)
    {
        if (string.IsNullOrWhiteSpace(pairs))
        {
            return new SigV4Credentials { RequireKnownKeys = requireKnownKeys };
        }
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':');
            if (colon <= 0)
            {
                throw new FormatException($"Credentials must be keyId:secret pairs separated by commas, got '{pair}'.");
            }
            secrets[pair[..colon]] = pair[(colon + 1)..];
        }
        return new SigV4Credentials { Secrets = secrets, RequireKnownKeys = requireKnownKeys };
    }
}

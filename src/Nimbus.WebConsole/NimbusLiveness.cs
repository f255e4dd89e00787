namespace Nimbus.WebConsole;

/// <summary>What <c>/_nimbus/health</c> tells a caller without the token: only that the server runs (the full answer's first field).</summary>
internal sealed record NimbusLiveness(string Status);

namespace Nimbus.Lambda.Service;

/// <summary>A stored package: its hex hash (file name), base64 hash (<c>CodeSha256</c>) and size.</summary>
internal readonly record struct CodeIdentity(string HashHex, string Sha256Base64, long Size);

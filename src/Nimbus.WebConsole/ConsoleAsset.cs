namespace Nimbus.WebConsole;

/// <summary>One embedded console file with its content type and a content-derived ETag.</summary>
internal sealed record ConsoleAsset(byte[] Content, string ContentType, string ETag);

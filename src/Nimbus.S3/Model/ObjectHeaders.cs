namespace Nimbus.S3.Model;

/// <summary>The HTTP headers S3 stores with an object and returns on GET/HEAD, plus user metadata (<c>x-amz-meta-*</c>).</summary>
internal sealed record ObjectHeaders
{
    public string? ContentType { get; init; }
    public string? ContentEncoding { get; init; }
    public string? ContentDisposition { get; init; }
    public string? ContentLanguage { get; init; }
    public string? CacheControl { get; init; }
    public string? Expires { get; init; }
    /// <summary>User metadata, names lower-cased without the <c>x-amz-meta-</c> prefix (as S3 returns them).</summary>
    public Dictionary<string, string> UserMetadata { get; init; } = new(StringComparer.Ordinal);
}

namespace Nimbus.S3.Model;

/// <summary>One rule of a bucket's CORS configuration (S3 API reference, <c>CORSRule</c>).</summary>
internal sealed record CorsRule
{
    public string? Id { get; init; }
    public List<string> AllowedMethods { get; init; } = [];
    public List<string> AllowedOrigins { get; init; } = [];
    public List<string> AllowedHeaders { get; init; } = [];
    public List<string> ExposeHeaders { get; init; } = [];
    public int? MaxAgeSeconds { get; init; }
}

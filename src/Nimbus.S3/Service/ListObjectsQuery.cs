namespace Nimbus.S3.Service;

/// <summary>One page of a listing: keys after <see cref="After"/> under <see cref="Prefix"/>, rolled up at <see cref="Delimiter"/>.</summary>
internal sealed record ListObjectsQuery(string Bucket, string Prefix, string? Delimiter, int MaxKeys, string? After);

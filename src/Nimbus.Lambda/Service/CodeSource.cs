namespace Nimbus.Lambda.Service;

/// <summary>Where a deployment package comes from: inline (<c>ZipFile</c>) or an S3 location.</summary>
internal sealed record CodeSource(byte[]? ZipFile, string? S3Bucket, string? S3Key, string? S3ObjectVersion);

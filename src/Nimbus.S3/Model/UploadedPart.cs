namespace Nimbus.S3.Model;

/// <summary>One uploaded part: its number, size, MD5 (hex, unquoted) and durable body file.</summary>
internal sealed record UploadedPart(int PartNumber, long Size, string ETag, string BodyFile, DateTimeOffset LastModified);

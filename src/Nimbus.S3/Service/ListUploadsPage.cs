using Nimbus.S3.Model;

namespace Nimbus.S3.Service;

/// <summary>A ListMultipartUploads page: uploads and common prefixes in key order; truncated when more follow.</summary>
internal sealed record ListUploadsPage(IReadOnlyList<MultipartUpload> Uploads, IReadOnlyList<string> CommonPrefixes, bool IsTruncated);

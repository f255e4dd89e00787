using Nimbus.Core;
using Nimbus.Core.Objects;
using Nimbus.S3.Api;

namespace Nimbus.S3.Service;

/// <summary>
/// The <see cref="IObjectReader"/> seam over this store, for other services reading S3 locations (Lambda code).
/// Errors are S3's own, as a GetObject of the same location would answer.
/// </summary>
internal sealed class S3ObjectReader : IObjectReader
{
    private readonly S3Service _s3;

    public S3ObjectReader(S3Service s3) => _s3 = s3;

    public Task<Stream> OpenReadAsync(AwsScope scope, string bucket, string key, string? versionId, CancellationToken cancellationToken)
    {
        // Buckets are not versioned in Nimbus yet: every object has the single version "null", and S3 answers a
        // GetObject naming any other version of an unversioned bucket with this error.
        if (versionId is not null && versionId != "null")
        {
            throw S3Errors.InvalidArgument("Invalid version id specified", "versionId", versionId);
        }
        var obj = _s3.GetObject(bucket, key);
        return Task.FromResult<Stream>(_s3.OpenBody(obj));
    }
}

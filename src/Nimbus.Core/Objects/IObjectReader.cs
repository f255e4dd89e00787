namespace Nimbus.Core.Objects;

/// <summary>
/// Reads objects of Nimbus's object store (implemented by Nimbus.S3) for services that take an S3 location as
/// input: Lambda's <c>Code.S3Bucket</c>/<c>S3Key</c>, later layers and Batch job definitions.
/// </summary>
public interface IObjectReader
{
    /// <summary>
    /// Opens the content of <paramref name="key"/> in <paramref name="bucket"/> (a given <paramref name="versionId"/>, or
    /// the current one) for reading; the caller disposes the stream. Fails with an <see cref="AwsServiceException"/>
    /// carrying S3's own error code and message (<c>NoSuchBucket</c>, <c>NoSuchKey</c>, <c>NoSuchVersion</c>, …).
    /// </summary>
    Task<Stream> OpenReadAsync(AwsScope scope, string bucket, string key, string? versionId, CancellationToken cancellationToken);
}

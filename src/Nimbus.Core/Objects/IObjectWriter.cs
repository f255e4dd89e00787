namespace Nimbus.Core.Objects;

/// <summary>
/// Writes objects into Nimbus's object store (implemented by Nimbus.S3) for services that deliver to an S3 bucket:
/// Lambda's on-failure destinations of event source mappings. The object is durable when the task completes, and
/// the bucket's event notifications fire as for a PutObject.
/// </summary>
public interface IObjectWriter
{
    /// <summary>
    /// Stores <paramref name="content"/> as <paramref name="key"/> in <paramref name="bucket"/>. Fails with an
    /// <see cref="AwsServiceException"/> carrying S3's own error code and message (<c>NoSuchBucket</c>, …).
    /// </summary>
    Task PutObjectAsync(AwsScope scope, string bucket, string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);
}

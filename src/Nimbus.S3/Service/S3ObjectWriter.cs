using Nimbus.Core;
using Nimbus.Core.Objects;
using Nimbus.S3.Model;
using Nimbus.S3.Notifications;

namespace Nimbus.S3.Service;

/// <summary>
/// The <see cref="IObjectWriter"/> seam over this store, for other services writing into a bucket (Lambda's on-failure
/// destinations). A write is a PutObject: same checks, same durability, and the bucket's notifications fire, so a
/// function can be triggered by the failure records AWS's documentation suggests subscribing to.
/// </summary>
internal sealed class S3ObjectWriter : IObjectWriter
{
    private readonly S3Service _s3;
    private readonly S3EventNotifier _events;

    public S3ObjectWriter(S3Service s3, S3EventNotifier events)
    {
        _s3 = s3;
        _events = events;
    }

    public async Task PutObjectAsync(AwsScope scope, string bucket, string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var command = new PutObjectCommand { Bucket = bucket, Key = key, Headers = new ObjectHeaders { ContentType = contentType }, ExpectedLength = content.Length };
        using var body = new MemoryStream(content.ToArray(), writable: false);
        var stored = await _s3.PutObjectAsync(command, body, cancellationToken);
        // The writer is an AWS service acting for the account (Lambda), not a signed request.
        _events.ObjectCreated(new S3EventSource(scope.AccountId, scope.Region, "AWS:lambda.amazonaws.com", "127.0.0.1", Core.RequestIds.NewRequestId(), ""),
            S3EventNames.Put, stored, stored.VersionId);
    }
}

using Microsoft.AspNetCore.Http;
using Nimbus.Protocol;
using Nimbus.Protocol.SigV4;
using Nimbus.S3.Metering;
using Nimbus.S3.Notifications;
using Nimbus.S3.Protocol;
using Nimbus.S3.Service;

namespace Nimbus.S3.Api;

/// <summary>
/// S3 (rest-xml) on the edge endpoint: everything the router sends to signing name <c>s3</c>. The operation is
/// chosen by method, whether a bucket and key are addressed, and S3's sub-resource query parameters; operations of
/// the model Nimbus does not serve yet answer 501 <c>NotImplemented</c>, as S3 does for unsupported features.
/// </summary>
internal sealed partial class S3ApiHandler : IAwsServiceHandler
{
    /// <summary>Sub-resources that select operations this slice does not implement (the model's other request URIs).</summary>
    private static readonly (string Query, string Operation)[] BucketSubresources =
    [
        ("accelerate", "BucketAccelerateConfiguration"), ("acl", "BucketAcl"), ("analytics", "BucketAnalyticsConfiguration"),
        ("encryption", "BucketEncryption"), ("intelligent-tiering", "BucketIntelligentTieringConfiguration"),
        ("inventory", "BucketInventoryConfiguration"), ("lifecycle", "BucketLifecycleConfiguration"), ("logging", "BucketLogging"),
        ("metrics", "BucketMetricsConfiguration"),
        ("ownershipControls", "BucketOwnershipControls"), ("policy", "BucketPolicy"), ("policyStatus", "BucketPolicyStatus"),
        ("replication", "BucketReplication"), ("requestPayment", "BucketRequestPayment"),
        ("website", "BucketWebsite"), ("object-lock", "ObjectLockConfiguration"),
        ("publicAccessBlock", "PublicAccessBlock"), ("session", "CreateSession"), ("metadataTable", "BucketMetadataTableConfiguration"),
        ("metadataConfiguration", "BucketMetadataConfiguration"), ("abac", "BucketAbac"),
        ("metadataInventoryTable", "UpdateBucketMetadataInventoryTableConfiguration"), ("metadataJournalTable", "UpdateBucketMetadataJournalTableConfiguration"),
    ];

    private static readonly (string Query, string Operation)[] ObjectSubresources =
    [
        ("acl", "ObjectAcl"), ("legal-hold", "ObjectLegalHold"), ("retention", "ObjectRetention"),
        ("torrent", "GetObjectTorrent"), ("attributes", "GetObjectAttributes"), ("restore", "RestoreObject"),
        ("select", "SelectObjectContent"),
        ("renameObject", "RenameObject"), ("encryption", "UpdateObjectEncryption"),
    ];

    private readonly S3Service _service;
    private readonly SigV4Verifier _signatures;
    private readonly SigV2QueryVerifier _legacySignatures;
    private readonly S3EventNotifier _events;
    private readonly S3RequestMeter _usage;

    public S3ApiHandler(S3Service service, S3EventNotifier events, S3RequestMeter usage, SigV4Verifier signatures, SigV4Credentials credentials, TimeProvider time)
    {
        _service = service;
        _events = events;
        _usage = usage;
        _signatures = signatures;
        _legacySignatures = new SigV2QueryVerifier(credentials, time);
    }

    public AwsServiceDescriptor Descriptor { get; } = new("s3", AwsProtocol.RestXml);

    public async Task HandleAsync(AwsRequestContext request)
    {
        try
        {
            await RouteAsync(request);
        }
        catch (Exception) when (HasUnreadBody(request.Http.Request) && !request.Http.Response.HasStarted)
        {
            // An error before the body was read (often answered before "100 Continue"): the client may or may not send
            // the body now, so this connection cannot carry another request. S3 closes it too.
            request.Http.Response.Headers.Connection = "close";
            throw;
        }
    }

    private static bool HasUnreadBody(HttpRequest request) =>
        request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    private Task RouteAsync(AwsRequestContext request)
    {
        var http = request.Http;
        http.Response.Headers["x-amz-request-id"] = request.RequestId;
        http.Response.Headers["x-amz-id-2"] = HostId(request.RequestId);
        var address = S3Address.Of(http);
        var method = http.Request.Method;
        var query = http.Request.Query;
        _usage.Request(request.Scope, address.Bucket, address.Key is not null, method, query);

        if (HttpMethods.IsOptions(method))
        {
            // Browsers send preflights unsigned; S3 answers them from the bucket's CORS rules alone.
            return address.Bucket is null ? throw S3Errors.MethodNotAllowed() : PreflightAsync(request, address.Bucket, address.Key);
        }
        Authenticate(request, address);
        if (address.Bucket is null)
        {
            return HttpMethods.IsGet(method) ? ListBucketsAsync(request) : throw S3Errors.MethodNotAllowed();
        }
        var bucket = address.Bucket;
        if (http.Request.Headers.Origin.Count > 0)
        {
            ApplyCors(request, bucket);
        }
        return address.Key is null ? RouteBucket(request, bucket, method, query) : RouteObject(request, bucket, address.Key, method, query);
    }

    /// <summary>The <c>versionId</c> query parameter, when given.</summary>
    private static string? VersionIdOf(AwsRequestContext request) =>
        request.Http.Request.Query.TryGetValue("versionId", out var v) && v.Count > 0 ? v.ToString() : null;

    /// <summary>S3's <c>x-amz-id-2</c>: an opaque base64 token; derived from the request id so both headers match up in logs.</summary>
    internal static string HostId(string requestId) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(requestId)));
}

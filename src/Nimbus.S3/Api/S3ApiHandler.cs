using Microsoft.AspNetCore.Http;
using Nimbus.Protocol;
using Nimbus.S3.Notifications;
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
        ("cors", "BucketCors"), ("encryption", "BucketEncryption"), ("intelligent-tiering", "BucketIntelligentTieringConfiguration"),
        ("inventory", "BucketInventoryConfiguration"), ("lifecycle", "BucketLifecycleConfiguration"), ("logging", "BucketLogging"),
        ("metrics", "BucketMetricsConfiguration"),
        ("ownershipControls", "BucketOwnershipControls"), ("policy", "BucketPolicy"), ("policyStatus", "BucketPolicyStatus"),
        ("replication", "BucketReplication"), ("requestPayment", "BucketRequestPayment"), ("tagging", "BucketTagging"),
        ("versioning", "BucketVersioning"), ("website", "BucketWebsite"), ("object-lock", "ObjectLockConfiguration"),
        ("publicAccessBlock", "PublicAccessBlock"), ("versions", "ListObjectVersions"), ("uploads", "MultipartUpload"),
        ("session", "CreateSession"), ("metadataTable", "BucketMetadataTableConfiguration"),
        ("metadataConfiguration", "BucketMetadataConfiguration"), ("abac", "BucketAbac"),
        ("metadataInventoryTable", "UpdateBucketMetadataInventoryTableConfiguration"), ("metadataJournalTable", "UpdateBucketMetadataJournalTableConfiguration"),
    ];

    private static readonly (string Query, string Operation)[] ObjectSubresources =
    [
        ("acl", "ObjectAcl"), ("tagging", "ObjectTagging"), ("legal-hold", "ObjectLegalHold"), ("retention", "ObjectRetention"),
        ("torrent", "GetObjectTorrent"), ("attributes", "GetObjectAttributes"), ("restore", "RestoreObject"),
        ("select", "SelectObjectContent"), ("uploads", "CreateMultipartUpload"), ("uploadId", "MultipartUpload"),
        ("renameObject", "RenameObject"), ("encryption", "UpdateObjectEncryption"),
    ];

    private readonly S3Service _service;
    private readonly S3EventNotifier _events;

    public S3ApiHandler(S3Service service, S3EventNotifier events)
    {
        _service = service;
        _events = events;
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

        if (address.Bucket is null)
        {
            return HttpMethods.IsGet(method) ? ListBucketsAsync(request) : throw S3Errors.MethodNotAllowed();
        }
        var bucket = address.Bucket;
        if (address.Key is null)
        {
            if (HttpMethods.IsGet(method) && query.ContainsKey("location"))
            {
                return GetBucketLocationAsync(request, bucket);
            }
            if (HttpMethods.IsPost(method) && query.ContainsKey("delete"))
            {
                return DeleteObjectsAsync(request, bucket);
            }
            if (query.ContainsKey("notification"))
            {
                return BucketNotificationAsync(request, bucket);
            }
            if (HttpMethods.IsPost(method) && bucket == "WriteGetObjectResponse")
            {
                throw S3Errors.NotImplemented("WriteGetObjectResponse (Object Lambda)");
            }
            RejectSubresources(query, BucketSubresources, method);
            return method switch
            {
                "PUT" => CreateBucketAsync(request, bucket),
                "HEAD" => HeadBucketAsync(request, bucket),
                "DELETE" => DeleteBucketAsync(request, bucket),
                "GET" when query["list-type"] == "2" => ListObjectsV2Async(request, bucket),
                "GET" => ListObjectsAsync(request, bucket),
                _ => throw S3Errors.MethodNotAllowed(),
            };
        }

        var key = address.Key;
        if (query.ContainsKey("uploadId") && !http.Request.Headers.ContainsKey("x-amz-copy-source"))
        {
            switch (method)
            {
                case "PUT" when query.ContainsKey("partNumber"):
                    return UploadPartAsync(request, bucket, key);
                case "POST":
                    return CompleteMultipartUploadAsync(request, bucket, key);
                case "DELETE":
                    return AbortMultipartUploadAsync(request, bucket, key);
            }
        }
        if (HttpMethods.IsPost(method) && query.ContainsKey("uploads"))
        {
            return CreateMultipartUploadAsync(request, bucket, key);
        }
        RejectSubresources(query, ObjectSubresources, method);
        return method switch
        {
            "PUT" when http.Request.Headers.ContainsKey("x-amz-copy-source") => CopyObjectAsync(request, bucket, key),
            "PUT" => PutObjectAsync(request, bucket, key),
            "GET" => GetObjectAsync(request, bucket, key, headOnly: false),
            "HEAD" => GetObjectAsync(request, bucket, key, headOnly: true),
            "DELETE" => DeleteObjectAsync(request, bucket, key),
            _ => throw S3Errors.MethodNotAllowed(),
        };
    }

    private static void RejectSubresources(IQueryCollection query, (string Query, string Operation)[] subresources, string method)
    {
        foreach (var (name, operation) in subresources)
        {
            if (query.ContainsKey(name))
            {
                throw S3Errors.NotImplemented($"{operation} ({method} ?{name})");
            }
        }
        if (query.ContainsKey("versionId") && query["versionId"] != "null")
        {
            throw S3Errors.NotImplemented("Object versioning");
        }
    }

    /// <summary>S3's <c>x-amz-id-2</c>: an opaque base64 token; derived from the request id so both headers match up in logs.</summary>
    internal static string HostId(string requestId) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(requestId)));
}

using Microsoft.AspNetCore.Http;
using Nimbus.Protocol;

namespace Nimbus.S3.Api;

/// <summary>
/// The sub-resources Nimbus serves, each with its operation per method (the botocore model's request URIs such as
/// <c>GET /{Bucket}?tagging</c>). Sub-resources it does not serve yet are <see cref="BucketSubresources"/> and
/// <see cref="ObjectSubresources"/>; a request naming none of either is the plain bucket or object operation.
/// </summary>
internal sealed partial class S3ApiHandler
{
    private delegate Task BucketOperation(S3ApiHandler handler, AwsRequestContext request, string bucket);

    private delegate Task ObjectOperation(S3ApiHandler handler, AwsRequestContext request, string bucket, string key);

    /// <summary>In precedence order: a request naming several served sub-resources gets the first that has its method.</summary>
    private static readonly (string Query, Dictionary<string, BucketOperation> Methods)[] BucketRoutes =
    [
        ("location", new() { ["GET"] = static (h, r, b) => h.GetBucketLocationAsync(r, b) }),
        ("delete", new() { ["POST"] = static (h, r, b) => h.DeleteObjectsAsync(r, b) }),
        ("versioning", new()
        {
            ["GET"] = static (h, r, b) => h.GetBucketVersioningAsync(r, b),
            ["PUT"] = static (h, r, b) => h.PutBucketVersioningAsync(r, b),
        }),
        ("versions", new() { ["GET"] = static (h, r, b) => h.ListObjectVersionsAsync(r, b) }),
        ("uploads", new() { ["GET"] = static (h, r, b) => h.ListMultipartUploadsAsync(r, b) }),
        ("tagging", new()
        {
            ["GET"] = static (h, r, b) => h.GetBucketTaggingAsync(r, b),
            ["PUT"] = static (h, r, b) => h.PutBucketTaggingAsync(r, b),
            ["DELETE"] = static (h, r, b) => h.DeleteBucketTaggingAsync(r, b),
        }),
        ("cors", new()
        {
            ["GET"] = static (h, r, b) => h.GetBucketCorsAsync(r, b),
            ["PUT"] = static (h, r, b) => h.PutBucketCorsAsync(r, b),
            ["DELETE"] = static (h, r, b) => h.DeleteBucketCorsAsync(r, b),
        }),
        ("notification", new()
        {
            ["GET"] = static (h, r, b) => h.BucketNotificationAsync(r, b),
            ["PUT"] = static (h, r, b) => h.BucketNotificationAsync(r, b),
        }),
    ];

    private static readonly (string Query, Dictionary<string, ObjectOperation> Methods)[] ObjectRoutes =
    [
        ("uploadId", new()
        {
            ["PUT"] = static (h, r, b, k) => IsCopy(r) ? h.UploadPartCopyAsync(r, b, k) : h.UploadPartAsync(r, b, k),
            ["POST"] = static (h, r, b, k) => h.CompleteMultipartUploadAsync(r, b, k),
            ["DELETE"] = static (h, r, b, k) => h.AbortMultipartUploadAsync(r, b, k),
            ["GET"] = static (h, r, b, k) => h.ListPartsAsync(r, b, k),
        }),
        ("uploads", new() { ["POST"] = static (h, r, b, k) => h.CreateMultipartUploadAsync(r, b, k) }),
        ("tagging", new()
        {
            ["GET"] = static (h, r, b, k) => h.GetObjectTaggingAsync(r, b, k),
            ["PUT"] = static (h, r, b, k) => h.PutObjectTaggingAsync(r, b, k),
            ["DELETE"] = static (h, r, b, k) => h.DeleteObjectTaggingAsync(r, b, k),
        }),
    ];

    private Task RouteBucket(AwsRequestContext request, string bucket, string method, IQueryCollection query)
    {
        if (Find(BucketRoutes, query, method) is { } operation)
        {
            return operation(this, request, bucket);
        }
        if (method == "POST" && bucket == "WriteGetObjectResponse")
        {
            throw S3Errors.NotImplemented("WriteGetObjectResponse (Object Lambda)");
        }
        RejectSubresources(BucketRoutes, query, BucketSubresources, method);
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

    private Task RouteObject(AwsRequestContext request, string bucket, string key, string method, IQueryCollection query)
    {
        if (Find(ObjectRoutes, query, method) is { } operation)
        {
            return operation(this, request, bucket, key);
        }
        RejectSubresources(ObjectRoutes, query, ObjectSubresources, method);
        return method switch
        {
            "PUT" when IsCopy(request) => CopyObjectAsync(request, bucket, key),
            "PUT" => PutObjectAsync(request, bucket, key),
            "GET" => GetObjectAsync(request, bucket, key, headOnly: false),
            "HEAD" => GetObjectAsync(request, bucket, key, headOnly: true),
            "DELETE" => DeleteObjectAsync(request, bucket, key),
            _ => throw S3Errors.MethodNotAllowed(),
        };
    }

    private static bool IsCopy(AwsRequestContext request) => request.Http.Request.Headers.ContainsKey("x-amz-copy-source");

    /// <summary>The operation of the first served sub-resource the query names that has one for the method.</summary>
    private static T? Find<T>((string Query, Dictionary<string, T> Methods)[] routes, IQueryCollection query, string method) where T : class
    {
        if (query.Count == 0)
        {
            return null;
        }
        foreach (var (name, methods) in routes)
        {
            if (query.ContainsKey(name) && methods.TryGetValue(method, out var operation))
            {
                return operation;
            }
        }
        return null;
    }

    /// <summary>
    /// A served sub-resource with a method it has no operation for (say DELETE ?versioning) is 405, never the plain
    /// operation; a sub-resource Nimbus does not serve yet is 501 naming the operation.
    /// </summary>
    private static void RejectSubresources<T>((string Query, Dictionary<string, T> Methods)[] served, IQueryCollection query,
        (string Query, string Operation)[] notImplemented, string method)
    {
        if (query.Count == 0)
        {
            return;
        }
        foreach (var (name, _) in served)
        {
            if (query.ContainsKey(name))
            {
                throw S3Errors.MethodNotAllowed();
            }
        }
        foreach (var (name, operation) in notImplemented)
        {
            if (query.ContainsKey(name))
            {
                throw S3Errors.NotImplemented($"{operation} ({method} ?{name})");
            }
        }
    }
}

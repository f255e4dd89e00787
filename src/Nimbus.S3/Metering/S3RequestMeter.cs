using Microsoft.AspNetCore.Http;
using Nimbus.Core;
using Nimbus.Core.Metering;

namespace Nimbus.S3.Metering;

/// <summary>
/// Meters S3 requests as AWS bills them (Amazon S3 pricing, "Requests &amp; data retrievals"): <c>Requests-Tier1</c> for
/// PUT, COPY, POST and LIST requests, <c>Requests-Tier2</c> for GET, HEAD and every other request, and nothing for
/// DELETE (free). With no <see cref="IUsageMeter"/> registered (no billing module), nothing is metered.
/// </summary>
internal sealed class S3RequestMeter
{
    public const string Tier1 = "Requests-Tier1";
    public const string Tier2 = "Requests-Tier2";

    /// <summary>The query parameters of the bucket listings (botocore's ListObjects, ListObjectsV2, ListObjectVersions, ListMultipartUploads).</summary>
    private static readonly HashSet<string> ListParameters = new(StringComparer.Ordinal)
    {
        "list-type", "prefix", "delimiter", "marker", "max-keys", "encoding-type", "start-after", "continuation-token", "fetch-owner",
        "versions", "key-marker", "version-id-marker", "uploads", "upload-id-marker", "max-uploads", "x-id",
    };

    private readonly IUsageMeter? _meter;
    private readonly TimeProvider _time;

    public S3RequestMeter(TimeProvider time, IUsageMeter? meter = null)
    {
        _time = time;
        _meter = meter;
    }

    public void Request(AwsScope scope, string? bucket, bool hasKey, string method, IQueryCollection query)
    {
        if (_meter is not null && TierOf(method, bucket is not null, hasKey, query) is { } tier)
        {
            _meter.Record(new UsageRecord(scope, "s3", tier, bucket ?? "", 1, _time.GetUtcNow()));
        }
    }

    /// <summary>The request's price tier, or null for a free one.</summary>
    internal static string? TierOf(string method, bool hasBucket, bool hasKey, IQueryCollection query)
    {
        if (HttpMethods.IsDelete(method))
        {
            return null;
        }
        if (HttpMethods.IsPut(method) || HttpMethods.IsPost(method))
        {
            return Tier1;
        }
        // LIST: ListBuckets, ListObjects(V2), ListObjectVersions and ListMultipartUploads (a bucket GET naming no other
        // sub-resource), and ListParts on an object.
        var isList = HttpMethods.IsGet(method) && (!hasBucket
            || (!hasKey && query.Keys.All(k => ListParameters.Contains(k) || k.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase)))
            || (hasKey && query.ContainsKey("uploadId")));
        return isList ? Tier1 : Tier2;
    }
}

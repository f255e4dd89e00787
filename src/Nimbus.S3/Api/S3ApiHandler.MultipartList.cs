using System.Globalization;
using System.Xml;
using Nimbus.Protocol;
using Nimbus.S3.Model;

namespace Nimbus.S3.Api;

/// <summary>ListParts, ListMultipartUploads and UploadPartCopy (with <c>x-amz-copy-source-range</c>).</summary>
internal sealed partial class S3ApiHandler
{
    private Task ListPartsAsync(AwsRequestContext request, string bucket, string key)
    {
        var query = request.Http.Request.Query;
        var maxParts = IntParameter(query["max-parts"], "max-parts", 1000);
        var marker = IntParameter(query["part-number-marker"], "part-number-marker", 0);
        var (upload, all) = _service.ListParts(bucket, key, query["uploadId"].ToString());
        var parts = all.Where(p => p.PartNumber > marker).ToList();
        var page = parts.Take(maxParts).ToList();
        var truncated = parts.Count > page.Count;
        return S3Xml.WriteAsync(request.Http, "ListPartsResult", xml =>
        {
            S3Xml.Element(xml, "Bucket", bucket);
            S3Xml.Element(xml, "Key", key);
            S3Xml.Element(xml, "UploadId", upload.UploadId);
            S3Xml.Element(xml, "PartNumberMarker", marker.ToString(CultureInfo.InvariantCulture));
            S3Xml.Element(xml, "NextPartNumberMarker", (page.Count > 0 ? page[^1].PartNumber : 0).ToString(CultureInfo.InvariantCulture));
            S3Xml.Element(xml, "MaxParts", maxParts.ToString(CultureInfo.InvariantCulture));
            S3Xml.Element(xml, "IsTruncated", truncated ? "true" : "false");
            foreach (var part in page)
            {
                xml.WriteStartElement("Part", S3Xml.Namespace);
                S3Xml.Element(xml, "PartNumber", part.PartNumber.ToString(CultureInfo.InvariantCulture));
                S3Xml.Element(xml, "LastModified", S3Xml.Timestamp(part.LastModified));
                S3Xml.Element(xml, "ETag", "\"" + part.ETag + "\"");
                S3Xml.Element(xml, "Size", part.Size.ToString(CultureInfo.InvariantCulture));
                xml.WriteEndElement();
            }
            WriteInitiatorAndOwner(xml, request.Scope.AccountId);
            S3Xml.Element(xml, "StorageClass", "STANDARD");
        });
    }

    private Task ListMultipartUploadsAsync(AwsRequestContext request, string bucket)
    {
        var query = request.Http.Request.Query;
        var (prefix, delimiter, _, urlEncode) = ListParameters(query);
        var maxUploads = Math.Min(IntParameter(query["max-uploads"], "max-uploads", 1000), 1000);
        var keyMarker = query["key-marker"].ToString();
        var uploadIdMarker = query["upload-id-marker"].ToString();
        var page = _service.ListUploads(bucket, prefix, delimiter, keyMarker.Length > 0 ? keyMarker : null,
            keyMarker.Length > 0 && uploadIdMarker.Length > 0 ? uploadIdMarker : null, maxUploads);
        var lastUpload = page.Uploads.Count > 0 ? page.Uploads[^1] : null;
        var lastPrefix = page.CommonPrefixes.Count > 0 ? page.CommonPrefixes[^1] : null;
        // The next markers name the last entry returned, upload or common prefix, whichever sorts last.
        var nextKey = lastPrefix is not null && (lastUpload is null || string.CompareOrdinal(lastPrefix, lastUpload.Key) > 0) ? lastPrefix : lastUpload?.Key;
        var nextUploadId = nextKey is not null && nextKey == lastUpload?.Key ? lastUpload.UploadId : null;
        return S3Xml.WriteAsync(request.Http, "ListMultipartUploadsResult", xml =>
        {
            S3Xml.Element(xml, "Bucket", bucket);
            S3Xml.Element(xml, "KeyMarker", Encode(keyMarker, urlEncode));
            S3Xml.Element(xml, "UploadIdMarker", uploadIdMarker);
            S3Xml.Element(xml, "NextKeyMarker", page.IsTruncated && nextKey is not null ? Encode(nextKey, urlEncode) : null);
            S3Xml.Element(xml, "NextUploadIdMarker", page.IsTruncated ? nextUploadId : null);
            S3Xml.Element(xml, "Delimiter", delimiter is null ? null : Encode(delimiter, urlEncode));
            S3Xml.Element(xml, "Prefix", Encode(prefix, urlEncode));
            S3Xml.Element(xml, "MaxUploads", maxUploads.ToString(CultureInfo.InvariantCulture));
            S3Xml.Element(xml, "IsTruncated", page.IsTruncated ? "true" : "false");
            foreach (var upload in page.Uploads)
            {
                xml.WriteStartElement("Upload", S3Xml.Namespace);
                S3Xml.Element(xml, "Key", Encode(upload.Key, urlEncode));
                S3Xml.Element(xml, "UploadId", upload.UploadId);
                WriteInitiatorAndOwner(xml, request.Scope.AccountId);
                S3Xml.Element(xml, "StorageClass", "STANDARD");
                S3Xml.Element(xml, "Initiated", S3Xml.Timestamp(upload.Initiated));
                xml.WriteEndElement();
            }
            WriteCommonPrefixes(xml, page.CommonPrefixes, urlEncode);
            S3Xml.Element(xml, "EncodingType", urlEncode ? "url" : null);
        });
    }

    private async Task UploadPartCopyAsync(AwsRequestContext request, string bucket, string key)
    {
        var partNumber = PartNumberOf(request);
        var source = ResolveCopySource(request);
        var (offset, length) = (0L, source.Size);
        var range = request.Http.Request.Headers["x-amz-copy-source-range"].ToString();
        if (range.Length > 0)
        {
            (offset, length) = CopySourceRange(range, source.Size);
        }
        var part = await _service.UploadPartCopyAsync(bucket, key, request.Http.Request.Query["uploadId"].ToString(), partNumber, source, offset, length, request.Aborted);
        SetCopySourceVersionHeader(request, source);
        await S3Xml.WriteAsync(request.Http, "CopyPartResult", xml =>
        {
            S3Xml.Element(xml, "ETag", "\"" + part.ETag + "\"");
            S3Xml.Element(xml, "LastModified", S3Xml.Timestamp(part.LastModified));
        });
    }

    /// <summary><c>bytes=first-last</c>, both given and inside the source (UploadPartCopy reference).</summary>
    private static (long Offset, long Length) CopySourceRange(string range, long size)
    {
        var spec = range.StartsWith("bytes=", StringComparison.Ordinal) ? range[6..] : "";
        var dash = spec.IndexOf('-');
        if (dash > 0
            && long.TryParse(spec[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && long.TryParse(spec[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            && first <= last)
        {
            return last < size
                ? (first, last - first + 1)
                : throw S3Errors.InvalidArgument($"Range specified is not valid for source object of size: {size}", "x-amz-copy-source-range", range);
        }
        throw S3Errors.InvalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy",
            "x-amz-copy-source-range", range);
    }

    private static int IntParameter(string? value, string name, int fallback)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw S3Errors.InvalidArgument($"Provided {name} not an integer or within integer range", name, value);
    }

    private static void WriteInitiatorAndOwner(XmlWriter xml, string accountId)
    {
        xml.WriteStartElement("Initiator", S3Xml.Namespace);
        S3Xml.Element(xml, "ID", CanonicalUserId(accountId));
        S3Xml.Element(xml, "DisplayName", "nimbus");
        xml.WriteEndElement();
        WriteOwner(xml, accountId);
    }
}

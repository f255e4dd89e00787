using Nimbus.Core;
using Nimbus.Protocol;
using Nimbus.S3.Service;
using Nimbus.S3.Notifications;

namespace Nimbus.S3.Api;

/// <summary>DeleteObject and DeleteObjects (at most 1,000 keys, optional version ids, <c>Quiet</c> lists only errors).</summary>
internal sealed partial class S3ApiHandler
{
    private async Task DeleteObjectAsync(AwsRequestContext request, string bucket, string key)
    {
        var versionId = VersionIdOf(request);
        var deleted = await _service.DeleteObjectAsync(bucket, key, versionId);
        ObjectRemoved(request, bucket, key, versionId, deleted);
        var response = request.Http.Response;
        if (deleted.VersionId is not null)
        {
            response.Headers["x-amz-version-id"] = deleted.VersionId;
        }
        if (deleted.DeleteMarker)
        {
            response.Headers["x-amz-delete-marker"] = "true";
        }
        response.StatusCode = 204;
    }

    private async Task DeleteObjectsAsync(AwsRequestContext request, string bucket)
    {
        _service.GetBucket(bucket);
        var document = await ReadSmallXmlAsync(request, allowEmpty: false);
        var root = document!.Root;
        if (root is null || root.Name.LocalName != "Delete")
        {
            throw S3Errors.MalformedXml();
        }
        var quiet = string.Equals(Child(root, "Quiet")?.Value, "true", StringComparison.OrdinalIgnoreCase);
        var targets = root.Elements().Where(e => e.Name.LocalName == "Object")
            .Select(o => (Key: Child(o, "Key")?.Value, VersionId: Child(o, "VersionId")?.Value)).ToList();
        if (targets.Count is 0 or > 1000 || targets.Any(t => t.Key is null))
        {
            throw S3Errors.MalformedXml();
        }

        var deleted = new List<(string Key, string? RequestedVersion, DeletedObject Result)>();
        var errors = new List<(string Key, string? VersionId, AwsServiceException Error)>();
        foreach (var (key, versionId) in targets)
        {
            try
            {
                var result = await _service.DeleteObjectAsync(bucket, key!, versionId);
                ObjectRemoved(request, bucket, key!, versionId, result);
                deleted.Add((key!, versionId, result));
            }
            catch (AwsServiceException error)
            {
                errors.Add((key!, versionId, error));
            }
        }
        await S3Xml.WriteAsync(request.Http, "DeleteResult", xml =>
        {
            if (!quiet)
            {
                foreach (var (key, requested, result) in deleted)
                {
                    xml.WriteStartElement("Deleted", S3Xml.Namespace);
                    S3Xml.Element(xml, "Key", key);
                    S3Xml.Element(xml, "VersionId", requested);
                    if (result.DeleteMarker)
                    {
                        S3Xml.Element(xml, "DeleteMarker", "true");
                        // A marker created by this delete is named by DeleteMarkerVersionId; a removed one by VersionId.
                        S3Xml.Element(xml, "DeleteMarkerVersionId", requested is null ? result.VersionId : requested);
                    }
                    xml.WriteEndElement();
                }
            }
            foreach (var (key, versionId, error) in errors)
            {
                xml.WriteStartElement("Error", S3Xml.Namespace);
                S3Xml.Element(xml, "Key", key);
                S3Xml.Element(xml, "VersionId", versionId);
                S3Xml.Element(xml, "Code", error.ErrorCode);
                S3Xml.Element(xml, "Message", error.Message);
                xml.WriteEndElement();
            }
        });
    }
}

using System.Xml.Linq;
using Nimbus.Core;
using Nimbus.Protocol;
using Nimbus.S3.Notifications;

namespace Nimbus.S3.Api;

/// <summary>DeleteObject and DeleteObjects (at most 1,000 keys, <c>Quiet</c> lists only errors).</summary>
internal sealed partial class S3ApiHandler
{
    private Task DeleteObjectAsync(AwsRequestContext request, string bucket, string key)
    {
        _service.DeleteObject(bucket, key);
        _events.ObjectRemoved(EventSource(request), S3EventNames.Delete, bucket, key);
        request.Http.Response.StatusCode = 204;
        return Task.CompletedTask;
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
        XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);
        var quiet = string.Equals(Child(root, "Quiet")?.Value, "true", StringComparison.OrdinalIgnoreCase);
        var keys = root.Elements().Where(e => e.Name.LocalName == "Object").Select(o => Child(o, "Key")?.Value).ToList();
        if (keys.Count is 0 or > 1000 || keys.Any(k => k is null))
        {
            throw S3Errors.MalformedXml();
        }

        var deleted = new List<string>();
        var errors = new List<(string Key, AwsServiceException Error)>();
        foreach (var key in keys)
        {
            try
            {
                _service.DeleteObject(bucket, key!);
                _events.ObjectRemoved(EventSource(request), S3EventNames.Delete, bucket, key!);
                deleted.Add(key!);
            }
            catch (AwsServiceException error)
            {
                errors.Add((key!, error));
            }
        }
        await S3Xml.WriteAsync(request.Http, "DeleteResult", xml =>
        {
            if (!quiet)
            {
                foreach (var key in deleted)
                {
                    xml.WriteStartElement("Deleted", S3Xml.Namespace);
                    S3Xml.Element(xml, "Key", key);
                    xml.WriteEndElement();
                }
            }
            foreach (var (key, error) in errors)
            {
                xml.WriteStartElement("Error", S3Xml.Namespace);
                S3Xml.Element(xml, "Key", key);
                S3Xml.Element(xml, "Code", error.ErrorCode);
                S3Xml.Element(xml, "Message", error.Message);
                xml.WriteEndElement();
            }
        });
    }
}

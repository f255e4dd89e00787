using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Nimbus.Protocol;
using Nimbus.S3.Service;

namespace Nimbus.S3.Api;

/// <summary>
/// Put/Get/DeleteBucketTagging and Put/Get/DeleteObjectTagging (<c>?tagging</c>), and the <c>x-amz-tagging</c> header of
/// PutObject, CopyObject and CreateMultipartUpload (URL query encoded: <c>k1=v1&amp;k2=v2</c>).
/// </summary>
internal sealed partial class S3ApiHandler
{
    private async Task PutBucketTaggingAsync(AwsRequestContext request, string bucket)
    {
        _service.GetBucket(bucket);
        _service.PutBucketTagging(bucket, await ReadTagSetAsync(request));
        request.Http.Response.StatusCode = 204;
    }

    private Task GetBucketTaggingAsync(AwsRequestContext request, string bucket) =>
        WriteTaggingAsync(request, _service.GetBucketTagging(bucket));

    private Task DeleteBucketTaggingAsync(AwsRequestContext request, string bucket)
    {
        _service.DeleteBucketTagging(bucket);
        request.Http.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private async Task PutObjectTaggingAsync(AwsRequestContext request, string bucket, string key)
    {
        _service.GetObject(bucket, key, VersionIdOf(request));
        var tagged = _service.PutObjectTagging(bucket, key, VersionIdOf(request), await ReadTagSetAsync(request));
        SetVersionHeader(request.Http, tagged);
        request.Http.Response.StatusCode = 200;
        request.Http.Response.ContentLength = 0;
    }

    private Task GetObjectTaggingAsync(AwsRequestContext request, string bucket, string key)
    {
        var obj = _service.GetObject(bucket, key, VersionIdOf(request));
        SetVersionHeader(request.Http, obj);
        return WriteTaggingAsync(request, obj.Tags);
    }

    private Task DeleteObjectTaggingAsync(AwsRequestContext request, string bucket, string key)
    {
        var obj = _service.PutObjectTagging(bucket, key, VersionIdOf(request), []);
        SetVersionHeader(request.Http, obj);
        request.Http.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private static Task WriteTaggingAsync(AwsRequestContext request, IReadOnlyDictionary<string, string> tags) =>
        S3Xml.WriteAsync(request.Http, "Tagging", xml =>
        {
            xml.WriteStartElement("TagSet", S3Xml.Namespace);
            foreach (var (key, value) in tags)
            {
                xml.WriteStartElement("Tag", S3Xml.Namespace);
                S3Xml.Element(xml, "Key", key);
                S3Xml.Element(xml, "Value", value);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        });

    /// <summary><c>&lt;Tagging&gt;&lt;TagSet&gt;&lt;Tag&gt;&lt;Key/&gt;&lt;Value/&gt;&lt;/Tag&gt;…</c>; a Tag without Key or Value is MalformedXML.</summary>
    private static async Task<List<KeyValuePair<string, string>>> ReadTagSetAsync(AwsRequestContext request)
    {
        var root = (await ReadSmallXmlAsync(request, allowEmpty: false))!.Root;
        var tagSet = root is { Name.LocalName: "Tagging" } ? Child(root, "TagSet") : null;
        if (tagSet is null)
        {
            throw S3Errors.MalformedXml();
        }
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var tag in tagSet.Elements().Where(e => e.Name.LocalName == "Tag"))
        {
            if (Child(tag, "Key") is not { } key || Child(tag, "Value") is not { } value)
            {
                throw S3Errors.MalformedXml();
            }
            tags.Add(new(key.Value, value.Value));
        }
        return tags;
    }

    /// <summary>The tags of <c>x-amz-tagging</c>, validated with the object limits; null when the header is absent.</summary>
    private static Dictionary<string, string>? TaggingHeader(HttpRequest http)
    {
        var header = http.Headers["x-amz-tagging"].ToString();
        if (!http.Headers.ContainsKey("x-amz-tagging"))
        {
            return null;
        }
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var pair in new QueryStringEnumerable(header))
        {
            tags.Add(new(pair.DecodeName().ToString(), pair.DecodeValue().ToString()));
        }
        return S3Service.ValidateObjectTags(tags);
    }

    private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);
}

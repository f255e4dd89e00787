using System.Text.Json;
using Nimbus.S3.Api;
using Nimbus.S3.Model;
using Nimbus.S3.Store;

namespace Nimbus.S3.Service;

/// <summary>
/// Tag sets of buckets and objects and bucket CORS rules, with AWS's limits ("Categorizing your storage using tags":
/// 10 tags per object, 50 per bucket, keys up to 128 and values up to 256 Unicode characters, unique keys, no
/// <c>aws:</c> prefix; CORS: at most 100 rules, methods GET/PUT/HEAD/POST/DELETE).
/// </summary>
internal sealed partial class S3Service
{
    private const string TaggingConfig = "tagging";
    private const string CorsConfig = "cors";
    private static readonly string[] CorsMethods = ["GET", "PUT", "HEAD", "POST", "DELETE"];

    public void PutBucketTagging(string bucket, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        GetBucket(bucket);
        var set = ValidateTags(tags, 50, "Bucket tag count cannot be greater than 50");
        _store.SetBucketConfig(bucket, TaggingConfig, JsonSerializer.Serialize(set, S3JsonContext.Default.DictionaryStringString));
    }

    /// <summary>The bucket's tags; <c>NoSuchTagSet</c> when it has none.</summary>
    public Dictionary<string, string> GetBucketTagging(string bucket)
    {
        GetBucket(bucket);
        var document = _store.GetBucketConfig(bucket, TaggingConfig) ?? throw S3Errors.NoSuchTagSet();
        return JsonSerializer.Deserialize(document, S3JsonContext.Default.DictionaryStringString)!;
    }

    public void DeleteBucketTagging(string bucket)
    {
        GetBucket(bucket);
        _store.SetBucketConfig(bucket, TaggingConfig, null);
    }

    /// <summary>Replaces the tags of the current (or given) version; returns the version tagged.</summary>
    public S3Object PutObjectTagging(string bucket, string key, string? versionId, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        var set = ValidateObjectTags(tags);
        var obj = GetObject(bucket, key, versionId);
        if (!_store.SetObjectTags(bucket, key, obj.VersionId, set))
        {
            throw S3Errors.NoSuchKey(key);
        }
        return obj with { Tags = set };
    }

    public static Dictionary<string, string> ValidateObjectTags(IReadOnlyList<KeyValuePair<string, string>> tags) =>
        ValidateTags(tags, 10, "Object tags cannot be greater than 10");

    public void PutBucketCors(string bucket, List<CorsRule> rules)
    {
        GetBucket(bucket);
        if (rules.Count is 0 or > 100)
        {
            throw S3Errors.MalformedXml();
        }
        foreach (var rule in rules)
        {
            if (rule.AllowedMethods.Count == 0 || rule.AllowedOrigins.Count == 0)
            {
                throw S3Errors.MalformedXml();
            }
            if (rule.AllowedMethods.FirstOrDefault(m => !CorsMethods.Contains(m, StringComparer.Ordinal)) is { } method)
            {
                throw S3Errors.InvalidRequest($"Found unsupported HTTP method in CORS config. Unsupported method is {method}");
            }
            if (rule.AllowedOrigins.Concat(rule.AllowedHeaders).FirstOrDefault(v => v.Count(c => c == '*') > 1) is { } wildcard)
            {
                throw S3Errors.InvalidRequest($"AllowedOrigin/AllowedHeader \"{wildcard}\" can not have more than one wildcard.");
            }
        }
        _store.SetBucketConfig(bucket, CorsConfig, JsonSerializer.Serialize(rules, S3JsonContext.Default.ListCorsRule));
    }

    /// <summary>The bucket's CORS rules, or null when it has none (the bucket must exist).</summary>
    public List<CorsRule>? GetBucketCors(string bucket)
    {
        GetBucket(bucket);
        var document = _store.GetBucketConfig(bucket, CorsConfig);
        return document is null ? null : JsonSerializer.Deserialize(document, S3JsonContext.Default.ListCorsRule);
    }

    public void DeleteBucketCors(string bucket)
    {
        GetBucket(bucket);
        _store.SetBucketConfig(bucket, CorsConfig, null);
    }

    private static Dictionary<string, string> ValidateTags(IReadOnlyList<KeyValuePair<string, string>> tags, int limit, string tooMany)
    {
        if (tags.Count > limit)
        {
            throw S3Errors.BadRequest(tooMany);
        }
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            if (key.Length == 0 || CharacterCount(key) > 128)
            {
                throw S3Errors.InvalidTag(key.Length == 0 ? "The TagKey you have provided is invalid" : "The TagKey you have provided is too long, max 128");
            }
            if (CharacterCount(value) > 256)
            {
                throw S3Errors.InvalidTag("The TagValue you have provided is too long, max 256");
            }
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw S3Errors.InvalidTag("System tags cannot be added/updated by requester");
            }
            if (!set.TryAdd(key, value))
            {
                throw S3Errors.InvalidTag("Cannot provide multiple Tags with the same key");
            }
        }
        return set;
    }

    /// <summary>Tag lengths count Unicode characters, not UTF-16 units.</summary>
    private static int CharacterCount(string value) => value.EnumerateRunes().Count();
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using Nimbus.Core;
using Nimbus.Protocol;
using Nimbus.S3.Model;

namespace Nimbus.S3.Api;

/// <summary>
/// Put/Get/DeleteBucketCors and CORS on the wire (S3 User Guide, "Using cross-origin resource sharing"): preflight
/// <c>OPTIONS</c> is answered from the first rule matching the origin, the requested method and every requested header;
/// actual requests with an <c>Origin</c> get the matching rule's <c>Access-Control-*</c> headers.
/// </summary>
internal sealed partial class S3ApiHandler
{
    private const string CorsNotEnabled = "CORSResponse: CORS is not enabled for this bucket.";
    private const string CorsNotAllowed = "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, " +
        "request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.";

    private async Task PutBucketCorsAsync(AwsRequestContext request, string bucket)
    {
        _service.GetBucket(bucket);
        var root = (await ReadSmallXmlAsync(request, allowEmpty: false))!.Root;
        if (root is not { Name.LocalName: "CORSConfiguration" })
        {
            throw S3Errors.MalformedXml();
        }
        List<string> Values(System.Xml.Linq.XElement rule, string name) => rule.Elements().Where(e => e.Name.LocalName == name).Select(e => e.Value).ToList();
        var rules = new List<CorsRule>();
        foreach (var rule in root.Elements().Where(e => e.Name.LocalName == "CORSRule"))
        {
            int? maxAge = null;
            if (Child(rule, "MaxAgeSeconds") is { } age)
            {
                maxAge = int.TryParse(age.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) ? seconds : throw S3Errors.MalformedXml();
            }
            rules.Add(new CorsRule
            {
                Id = Child(rule, "ID")?.Value,
                AllowedMethods = Values(rule, "AllowedMethod"),
                AllowedOrigins = Values(rule, "AllowedOrigin"),
                AllowedHeaders = Values(rule, "AllowedHeader"),
                ExposeHeaders = Values(rule, "ExposeHeader"),
                MaxAgeSeconds = maxAge,
            });
        }
        _service.PutBucketCors(bucket, rules);
        request.Http.Response.StatusCode = 200;
        request.Http.Response.ContentLength = 0;
    }

    private Task GetBucketCorsAsync(AwsRequestContext request, string bucket)
    {
        var rules = _service.GetBucketCors(bucket) ?? throw S3Errors.NoSuchCorsConfiguration(bucket);
        return S3Xml.WriteAsync(request.Http, "CORSConfiguration", xml =>
        {
            foreach (var rule in rules)
            {
                xml.WriteStartElement("CORSRule", S3Xml.Namespace);
                S3Xml.Element(xml, "ID", rule.Id);
                rule.AllowedHeaders.ForEach(v => S3Xml.Element(xml, "AllowedHeader", v));
                rule.AllowedMethods.ForEach(v => S3Xml.Element(xml, "AllowedMethod", v));
                rule.AllowedOrigins.ForEach(v => S3Xml.Element(xml, "AllowedOrigin", v));
                rule.ExposeHeaders.ForEach(v => S3Xml.Element(xml, "ExposeHeader", v));
                S3Xml.Element(xml, "MaxAgeSeconds", rule.MaxAgeSeconds?.ToString(CultureInfo.InvariantCulture));
                xml.WriteEndElement();
            }
        });
    }

    private Task DeleteBucketCorsAsync(AwsRequestContext request, string bucket)
    {
        _service.DeleteBucketCors(bucket);
        request.Http.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private Task PreflightAsync(AwsRequestContext request, string bucket, string? key)
    {
        var headers = request.Http.Request.Headers;
        var origin = headers.Origin.ToString();
        var method = headers.AccessControlRequestMethod.ToString();
        var resourceType = key is null ? "BUCKET" : "OBJECT";
        if (origin.Length == 0)
        {
            throw S3Errors.BadRequest("Insufficient information. Origin request header needed.");
        }
        if (method is not ("GET" or "PUT" or "HEAD" or "POST" or "DELETE"))
        {
            throw S3Errors.BadRequest($"Invalid Access-Control-Request-Method: {(method.Length == 0 ? "null" : method)}");
        }
        List<CorsRule>? rules;
        try
        {
            rules = _service.GetBucketCors(bucket);
        }
        catch (AwsServiceException)
        {
            throw S3Errors.CorsForbidden("CORSResponse: Bucket not found", method, resourceType);
        }
        if (rules is null)
        {
            throw S3Errors.CorsForbidden(CorsNotEnabled, method, resourceType);
        }
        var requestedHeaders = headers.AccessControlRequestHeaders.ToString()
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var rule = rules.FirstOrDefault(r => OriginMatches(r, origin) && r.AllowedMethods.Contains(method, StringComparer.Ordinal)
            && requestedHeaders.All(h => r.AllowedHeaders.Any(allowed => WildcardMatches(allowed, h, StringComparison.OrdinalIgnoreCase))))
            ?? throw S3Errors.CorsForbidden(CorsNotAllowed, method, resourceType);
        WriteCorsHeaders(request.Http.Response, rule, origin);
        if (requestedHeaders.Length > 0)
        {
            request.Http.Response.Headers.AccessControlAllowHeaders = string.Join(", ", requestedHeaders.Select(h => h.ToLowerInvariant()));
        }
        request.Http.Response.Headers.Vary = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";
        request.Http.Response.StatusCode = 200;
        request.Http.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    /// <summary>An actual (non-preflight) request from a browser: the first rule for its origin and method adds the CORS headers.</summary>
    private void ApplyCors(AwsRequestContext request, string bucket)
    {
        List<CorsRule>? rules;
        try
        {
            rules = _service.GetBucketCors(bucket);
        }
        catch (AwsServiceException)
        {
            return;
        }
        var origin = request.Http.Request.Headers.Origin.ToString();
        var method = request.Http.Request.Method;
        if (rules?.FirstOrDefault(r => OriginMatches(r, origin) && r.AllowedMethods.Contains(method, StringComparer.Ordinal)) is { } rule)
        {
            WriteCorsHeaders(request.Http.Response, rule, origin);
            request.Http.Response.Headers.Vary = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";
        }
    }

    private static void WriteCorsHeaders(HttpResponse response, CorsRule rule, string origin)
    {
        var anyOrigin = rule.AllowedOrigins.Contains("*");
        response.Headers.AccessControlAllowOrigin = anyOrigin ? "*" : origin;
        response.Headers.AccessControlAllowMethods = string.Join(", ", rule.AllowedMethods);
        if (!anyOrigin)
        {
            response.Headers.AccessControlAllowCredentials = "true";
        }
        if (rule.ExposeHeaders.Count > 0)
        {
            response.Headers.AccessControlExposeHeaders = string.Join(", ", rule.ExposeHeaders);
        }
        if (rule.MaxAgeSeconds is { } maxAge)
        {
            response.Headers.AccessControlMaxAge = maxAge.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static bool OriginMatches(CorsRule rule, string origin) => rule.AllowedOrigins.Any(allowed => WildcardMatches(allowed, origin, StringComparison.Ordinal));

    /// <summary>A pattern with at most one <c>*</c>, which matches any run of characters.</summary>
    private static bool WildcardMatches(string pattern, string value, StringComparison comparison)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return string.Equals(pattern, value, comparison);
        }
        var head = pattern[..star];
        var tail = pattern[(star + 1)..];
        return value.Length >= head.Length + tail.Length && value.StartsWith(head, comparison) && value.EndsWith(tail, comparison);
    }
}

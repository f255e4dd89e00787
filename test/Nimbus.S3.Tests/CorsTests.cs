using System.Net;

namespace Nimbus.S3.Tests;

/// <summary>Bucket CORS configuration through boto3, and preflight and actual requests as a browser sends them.</summary>
public sealed class CorsTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    private static HttpRequestMessage Preflight(string url, string origin, string method, string? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (headers is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", headers);
        }
        return request;
    }

    [Fact]
    public async Task CorsRules_AnswerPreflightAndActualRequests()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="cors")
            s3.put_object(Bucket="cors", Key="page.txt", Body=b"hello")
            none = error_of(lambda: s3.get_bucket_cors(Bucket="cors"))
            s3.put_bucket_cors(Bucket="cors", CORSConfiguration={"CORSRules": [
                {"ID": "app", "AllowedOrigins": ["https://*.example.com"], "AllowedMethods": ["GET", "PUT"], "AllowedHeaders": ["content-type", "x-amz-*"],
                 "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 600},
                {"AllowedOrigins": ["*"], "AllowedMethods": ["HEAD"]}]})
            rules = s3.get_bucket_cors(Bucket="cors")["CORSRules"]
            bad = error_of(lambda: s3.put_bucket_cors(Bucket="cors", CORSConfiguration={"CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["PATCH"]}]}))
            print(json.dumps({"none": none, "rules": rules, "bad": bad}))
            """);
        Assert.Equal("NoSuchCORSConfiguration", result.GetProperty("none").GetProperty("code").GetString());
        var rules = result.GetProperty("rules");
        Assert.Equal(2, rules.GetArrayLength());
        Assert.Equal("app", rules[0].GetProperty("ID").GetString());
        Assert.Equal(600, rules[0].GetProperty("MaxAgeSeconds").GetInt32());
        Assert.Equal(["GET", "PUT"], rules[0].GetProperty("AllowedMethods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("InvalidRequest", result.GetProperty("bad").GetProperty("code").GetString());

        using var http = new HttpClient();
        var url = server.EndpointUrl + "/cors/page.txt";
        var allowed = await http.SendAsync(Preflight(url, "https://app.example.com", "PUT", "Content-Type, X-Amz-Meta-Owner"));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("https://app.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("GET, PUT", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("content-type, x-amz-meta-owner", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.Equal("600", allowed.Headers.GetValues("Access-Control-Max-Age").Single());
        Assert.Equal("ETag", allowed.Headers.GetValues("Access-Control-Expose-Headers").Single());
        Assert.Equal("true", allowed.Headers.GetValues("Access-Control-Allow-Credentials").Single());

        var anyOrigin = await http.SendAsync(Preflight(url, "https://elsewhere.org", "HEAD"));
        Assert.Equal("*", anyOrigin.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var refused = await http.SendAsync(Preflight(url, "https://elsewhere.org", "GET"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var refusedBody = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed.", refusedBody, StringComparison.Ordinal);
        Assert.Contains("<Method>GET</Method><ResourceType>OBJECT</ResourceType>", refusedBody, StringComparison.Ordinal);

        var badHeader = await http.SendAsync(Preflight(url, "https://app.example.com", "GET", "authorization"));
        Assert.Equal(HttpStatusCode.Forbidden, badHeader.StatusCode);

        using var actual = new HttpRequestMessage(HttpMethod.Get, url);
        actual.Headers.Add("Origin", "https://app.example.com");
        var get = await http.SendAsync(actual);
        Assert.Equal("hello", await get.Content.ReadAsStringAsync());
        Assert.Equal("https://app.example.com", get.Headers.GetValues("Access-Control-Allow-Origin").Single());
        using var foreign = new HttpRequestMessage(HttpMethod.Get, url);
        foreign.Headers.Add("Origin", "https://elsewhere.org");
        Assert.False((await http.SendAsync(foreign)).Headers.Contains("Access-Control-Allow-Origin"));

        var noOrigin = new HttpRequestMessage(HttpMethod.Options, url);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(noOrigin)).StatusCode);
    }

    [Fact]
    public async Task Preflight_OnABucketWithoutCors_IsForbidden_AndDeleteBucketCorsRemovesRules()
    {
        await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="no-cors")
            s3.create_bucket(Bucket="cors-removed")
            s3.put_bucket_cors(Bucket="cors-removed", CORSConfiguration={"CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}]})
            s3.delete_bucket_cors(Bucket="cors-removed")
            print("{}")
            """);
        using var http = new HttpClient();
        foreach (var bucket in new[] { "no-cors", "cors-removed" })
        {
            var response = await http.SendAsync(Preflight(server.EndpointUrl + "/" + bucket + "/k", "https://a.example", "GET"));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("<Message>CORSResponse: CORS is not enabled for this bucket.</Message>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;

namespace Nimbus.Lambda.Tests.Infrastructure;

internal static class ResponseAssert
{
    /// <summary>An AWS rest-json error: status, <c>x-amzn-ErrorType</c>, <c>Type: User</c> and the message.</summary>
    public static void Error((HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response) result, HttpStatusCode status, string code, string? message = null)
    {
        Assert.True(result.Status == status, $"expected {(int)status} {code}, got {(int)result.Status}: {result.Body}");
        Assert.Equal(code, result.Response.Headers.GetValues("x-amzn-ErrorType").Single());
        if (message is not null)
        {
            Assert.Equal(message, result.Body?["message"]?.GetValue<string>());
        }
    }

    public static void StartsWith((HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response) result, string prefix) =>
        Assert.StartsWith(prefix, result.Body?["message"]?.GetValue<string>() ?? "");
}

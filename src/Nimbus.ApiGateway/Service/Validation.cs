using Nimbus.ApiGateway.Model;

namespace Nimbus.ApiGateway.Service;

/// <summary>Input checks that API Gateway answers with BadRequestException.</summary>
internal static class Validation
{
    private static readonly HashSet<string> CorsMethods = new(StringComparer.Ordinal) { "*", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" };

    public static void RequireField(object? value, string member)
    {
        if (value is null)
        {
            throw ApiGatewayErrors.BadRequest($"Invalid input: {member} is required.");
        }
    }

    public static void Length(string value, string member, int min, int max)
    {
        if (value.Length < min || value.Length > max)
        {
            throw ApiGatewayErrors.BadRequest($"Invalid input: {member} must be between {min} and {max} characters long.");
        }
    }

    public static void Cors(Cors? cors)
    {
        if (cors is null)
        {
            return;
        }
        if (cors.MaxAge is < -1 or > 86400)
        {
            throw ApiGatewayErrors.BadRequest("Invalid CORS configuration: MaxAge must be between -1 and 86400");
        }
        foreach (var method in cors.AllowMethods ?? [])
        {
            if (!CorsMethods.Contains(method.ToUpperInvariant()))
            {
                throw ApiGatewayErrors.BadRequest($"Invalid CORS configuration: unsupported method {method}");
            }
        }
        if (cors.AllowCredentials == true && cors.AllowOrigins?.Contains("*") == true)
        {
            // What API Gateway says when credentials are combined with a wildcard origin.
            throw ApiGatewayErrors.BadRequest("allow-credentials is not supported if allow-origins contains '*'");
        }
    }

    public static void Stage(string name)
    {
        if (name != "$default" && (name.Length is 0 or > 128 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw ApiGatewayErrors.BadRequest("Stage name only allows a-zA-Z0-9_- or $default");
        }
    }
}

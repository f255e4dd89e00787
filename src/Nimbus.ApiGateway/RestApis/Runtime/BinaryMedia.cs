namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>Whether a content type is one of an API's <c>binaryMediaTypes</c> (<c>*/*</c> and <c>image/*</c> wildcards included).</summary>
internal static class BinaryMedia
{
    public static bool Matches(List<string>? binaryMediaTypes, string? contentType)
    {
        if (binaryMediaTypes is not { Count: > 0 } || string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        foreach (var candidate in contentType.Split(','))
        {
            var media = candidate.Split(';')[0].Trim().ToLowerInvariant();
            foreach (var type in binaryMediaTypes)
            {
                var pattern = type.ToLowerInvariant();
                if (pattern == "*/*" || pattern == media
                    || (pattern.EndsWith("/*", StringComparison.Ordinal) && media.StartsWith(pattern[..^1], StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }
        return false;
    }
}

namespace Nimbus.Core.Patterns;

/// <summary>
/// EventBridge's <c>wildcard</c> filter: <c>*</c> matches any run of characters, <c>\*</c> a literal star and
/// <c>\\</c> a backslash. Two stars in a row are refused when the pattern is compiled.
/// </summary>
internal static class WildcardGlob
{
    public static bool IsMatch(string pattern, string value) => Match(pattern, 0, value, 0);

    /// <summary>The reason AWS refuses a wildcard pattern, or null.</summary>
    public static string? Validate(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\')
            {
                if (i + 1 >= pattern.Length || pattern[i + 1] is not ('*' or '\\'))
                {
                    return $"Invalid escape character at pos {i}";
                }
                i++;
            }
            else if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                return $"Consecutive wildcard characters at pos {i + 1}";
            }
        }
        return null;
    }

    private static bool Match(string pattern, int p, string value, int v)
    {
        while (p < pattern.Length)
        {
            var c = pattern[p];
            if (c == '*')
            {
                // Greedy with backtracking; patterns are short (at most 4 KB of pattern in all).
                for (var k = value.Length; k >= v; k--)
                {
                    if (Match(pattern, p + 1, value, k))
                    {
                        return true;
                    }
                }
                return false;
            }
            if (c == '\\' && p + 1 < pattern.Length)
            {
                c = pattern[++p];
            }
            if (v >= value.Length || value[v] != c)
            {
                return false;
            }
            p++;
            v++;
        }
        return v == value.Length;
    }
}

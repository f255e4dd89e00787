using System.Net;

namespace Nimbus.S3.Model;

/// <summary>
/// AWS's general purpose bucket naming rules (S3 User Guide, "General purpose bucket naming rules"): 3–63
/// characters of lower-case letters, digits, dots and hyphens; starts and ends with a letter or digit; no two
/// adjacent dots; not an IPv4 address; reserved prefixes and suffixes are refused.
/// </summary>
internal static class BucketName
{
    private static readonly string[] ReservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] ReservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

    public static bool IsValid(string name)
    {
        if (name.Length is < 3 or > 63)
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '.' || c == '-'))
            {
                return false;
            }
        }
        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]) || name.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }
        if (name.Count(c => c == '.') == 3 && IPAddress.TryParse(name, out _))
        {
            return false;
        }
        return !ReservedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))
            && !ReservedSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal));
    }
}

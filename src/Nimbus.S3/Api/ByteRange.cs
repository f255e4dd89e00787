using System.Globalization;

namespace Nimbus.S3.Api;

/// <summary>
/// A single <c>Range: bytes=…</c> (RFC 9110 §14.1.2) resolved against an object size. S3 serves one range;
/// a header it cannot parse is ignored (the whole object is returned), an unsatisfiable one is 416 InvalidRange.
/// </summary>
internal readonly record struct ByteRange(long Start, long Length)
{
    public static ByteRange? Parse(string header, long size)
    {
        if (!header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var spec = header[6..].Trim();
        if (spec.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }
        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return null;
        }
        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return null;
            }
            if (suffix == 0 || size == 0)
            {
                throw S3Errors.InvalidRange(header, size);
            }
            var length = Math.Min(suffix, size);
            return new ByteRange(size - length, length);
        }
        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }
        var end = size - 1;
        if (last.Length > 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start)
            {
                return null;
            }
        }
        if (start >= size)
        {
            throw S3Errors.InvalidRange(header, size);
        }
        end = Math.Min(end, size - 1);
        return new ByteRange(start, end - start + 1);
    }
}

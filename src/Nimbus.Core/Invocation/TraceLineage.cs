using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Nimbus.Core.Invocation;

/// <summary>
/// The X-Ray trace header (<c>X-Amzn-Trace-Id</c>, <c>Lambda-Runtime-Trace-Id</c>, <c>_X_AMZN_TRACE_ID</c>) as Lambda
/// uses it to detect recursive loops: <c>Root=1-…;Parent=…;Sampled=0;Lineage=hash:count|…</c>. The <c>Lineage</c> field
/// counts, per function (an 8-hex hash of its ARN), how often one chain of requests has invoked it. A function's AWS
/// SDK copies <c>_X_AMZN_TRACE_ID</c> into the requests it makes (the SDKs' recursion-detection middleware), S3 carries
/// it into the notification's invocation, Lambda into destinations and retries: so a loop through Lambda and S3 sees its
/// count grow. https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html
/// </summary>
public static class TraceLineage
{
    /// <summary>An 8-hex identity of a function in lineages: a hash of its unqualified ARN.</summary>
    public static string FunctionHash(string functionArn) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(functionArn)))[..8];

    /// <summary>How often the chain of <paramref name="header"/> has invoked the function of <paramref name="hash"/> so far.</summary>
    public static int LineageCount(string? header, string hash)
    {
        foreach (var (entryHash, count) in Lineage(header))
        {
            if (entryHash == hash)
            {
                return count;
            }
        }
        return 0;
    }

    /// <summary>
    /// The header to hand to the function of <paramref name="hash"/> now invoked for the <paramref name="count"/>th time in
    /// the chain: the caller's root (a new one when it had none), a new parent segment, and the lineage with this count.
    /// </summary>
    public static string Continue(string? header, string hash, int count, DateTimeOffset now)
    {
        var root = Field(header, "Root") ?? NewRoot(now);
        var lineage = Lineage(header).Where(e => e.Hash != hash).Append((Hash: hash, Count: count))
            .Select(e => e.Hash + ":" + e.Count.ToString(CultureInfo.InvariantCulture));
        return $"Root={root};Parent={Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))};Sampled=0;Lineage={string.Join('|', lineage)}";
    }

    /// <summary>A root trace id as X-Ray makes them: version 1, the epoch second in hex, 96 random bits.</summary>
    public static string NewRoot(DateTimeOffset now) =>
        "1-" + now.ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private static string? Field(string? header, string name)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }
        foreach (var part in header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part.AsSpan(0, equals).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return part[(equals + 1)..];
            }
        }
        return null;
    }

    /// <summary>Lineage entries, <c>hash:count</c> (or AWS's versioned <c>v:hash:count</c>) separated by <c>|</c>; malformed ones are skipped.</summary>
    private static IEnumerable<(string Hash, int Count)> Lineage(string? header)
    {
        if (Field(header, "Lineage") is not { } lineage)
        {
            yield break;
        }
        foreach (var entry in lineage.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(':');
            if (parts.Length >= 2 && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                yield return (parts[^2], count);
            }
        }
    }
}

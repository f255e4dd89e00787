using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Nimbus.WebConsole;

/// <summary>The console's files, embedded in this assembly under <c>console/</c>; read once, served from memory.</summary>
internal sealed class ConsoleAssets
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".json"] = "application/json",
    };

    private readonly ConcurrentDictionary<string, ConsoleAsset> _cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The asset at <paramref name="path"/> (relative to the console root), or null. Only files that exist are cached,
    /// so requests for made-up paths cannot grow the cache.
    /// </summary>
    public ConsoleAsset? Find(string path)
    {
        if (_cache.TryGetValue(path, out var cached))
        {
            return cached;
        }
        return Load(path) is { } asset ? _cache.GetOrAdd(path, asset) : null;
    }

    private static ConsoleAsset? Load(string path)
    {
        if (path.Contains("..", StringComparison.Ordinal) || path.Contains('\\'))
        {
            return null;
        }
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream("console/" + path);
        if (stream is null)
        {
            return null;
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        var contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
        return new ConsoleAsset(bytes, contentType, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
    }
}

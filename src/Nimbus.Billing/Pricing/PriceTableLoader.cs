using System.Text.Json;
using Nimbus.Core;

namespace Nimbus.Billing.Pricing;

/// <summary>
/// Loads the price table from <c>billing/prices.json</c> in the data directory. On first start the embedded copy
/// of AWS's us-east-1 prices is written there (temp file + fsync + rename) for users to edit.
/// </summary>
public static class PriceTableLoader
{
    private const string ResourceName = "Nimbus.Billing.prices.us-east-1.json";

    public static string PathIn(NimbusPaths paths) => Path.Combine(paths.Root, "billing", "prices.json");

    public static PriceTable Load(NimbusPaths paths)
    {
        var path = PathIn(paths);
        if (!File.Exists(path))
        {
            WriteDefault(path);
        }
        return Parse(File.ReadAllBytes(path), path);
    }

    public static PriceTable Default() => Parse(DefaultBytes(), ResourceName);

    public static PriceTable Parse(byte[] json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(json, PricingJsonContext.Default.PriceTable)
                ?? throw new InvalidDataException($"The price table {source} is empty.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The price table {source} is not valid: {exception.Message}", exception);
        }
    }

    private static byte[] DefaultBytes()
    {
        using var stream = typeof(PriceTableLoader).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded price table {ResourceName} is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static void WriteDefault(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(DefaultBytes());
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: false);
    }
}

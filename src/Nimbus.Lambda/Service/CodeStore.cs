using System.IO.Compression;
using System.Security.Cryptography;
using Nimbus.Core;

namespace Nimbus.Lambda.Service;

/// <summary>
/// Content-addressed code packages: <c>code/&lt;sha256-hex&gt;.zip</c>, unpacked once per hash into
/// <c>code/unpacked/&lt;sha256-hex&gt;/</c>, the directory the engine mounts as <c>/var/task</c>.
/// </summary>
internal sealed class CodeStore
{
    /// <summary>AWS's direct-upload limit (50 MB zipped) and deployment package limit (250 MB unzipped).</summary>
    public const long MaxZippedBytes = 52_428_800;
    public const long MaxUnzippedBytes = 262_144_000;

    private const string UnzipFailed = "Could not unzip uploaded file. Please check your file, then try to upload again.";
    private readonly string _root;

    public CodeStore(NimbusPaths paths)
    {
        _root = paths.CodeStore;
        Directory.CreateDirectory(Path.Combine(_root, "unpacked"));
    }

    public string ZipPath(string hashHex) => Path.Combine(_root, hashHex + ".zip");

    public string UnpackedPath(string hashHex) => Path.Combine(_root, "unpacked", hashHex);

    /// <summary>Checks the zip (readable, within the unzipped limit) and stores it; returns its identity.</summary>
    /// <param name="maxZipped">50 MB for a direct upload; an S3 location is bound only by the unzipped limit.</param>
    public CodeIdentity Store(byte[] zip, long maxZipped = MaxZippedBytes)
    {
        if (zip.LongLength > maxZipped)
        {
            throw LambdaErrors.TooLarge($"Zipped size must be smaller than {maxZipped} bytes");
        }
        long unzipped = 0;
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
            foreach (var entry in archive.Entries)
            {
                unzipped += entry.Length;
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            throw LambdaErrors.InvalidParameter(UnzipFailed);
        }
        if (unzipped > MaxUnzippedBytes)
        {
            throw LambdaErrors.InvalidParameter($"Unzipped size must be smaller than {MaxUnzippedBytes} bytes");
        }

        var hash = SHA256.HashData(zip);
        var hex = Convert.ToHexStringLower(hash);
        var path = ZipPath(hex);
        if (!File.Exists(path))
        {
            // Write to a temporary name, fsync, then rename: a crash never leaves a half-written package under its hash.
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.WriteThrough))
            {
                file.Write(zip);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        return new CodeIdentity(hex, Convert.ToBase64String(hash), zip.LongLength);
    }

    /// <summary>
    /// Unpacks a stored package once (idempotent, safe to race). Keeps the Unix mode bits of each entry so a
    /// <c>provided</c> runtime's <c>bootstrap</c> stays executable.
    /// </summary>
    public string EnsureUnpacked(string hashHex)
    {
        var target = UnpackedPath(hashHex);
        if (Directory.Exists(target))
        {
            return target;
        }
        var temp = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        Directory.CreateDirectory(temp);
        var root = Path.GetFullPath(temp) + Path.DirectorySeparatorChar;
        using (var archive = ZipFile.OpenRead(ZipPath(hashHex)))
        {
            foreach (var entry in archive.Entries)
            {
                var destination = Path.GetFullPath(Path.Combine(temp, entry.FullName));
                if (!destination.StartsWith(root, StringComparison.Ordinal))
                {
                    continue; // "zip slip": an entry naming ../ would escape /var/task
                }
                if (entry.FullName.EndsWith('/'))
                {
                    Directory.CreateDirectory(destination);
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                entry.ExtractToFile(destination, overwrite: true);
                var mode = (entry.ExternalAttributes >> 16) & 0x1FF;
                if (mode != 0 && !OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(destination, (UnixFileMode)mode | UnixFileMode.UserRead);
                }
            }
        }
        try
        {
            Directory.Move(temp, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            Directory.Delete(temp, recursive: true); // another caller unpacked the same hash first
        }
        return target;
    }
}

using System.Runtime.InteropServices;

namespace Nimbus.S3.Store;

/// <summary>
/// Object bodies as files (architecture §6): written under a temp name, fsynced, renamed into
/// <c>s3/objects/ab/&lt;id&gt;</c> and the directory fsynced, before the metadata row that points at them commits.
/// A body's name is a fresh id per write, never derived from the bucket or key.
/// </summary>
internal sealed partial class ObjectBodyStore
{
    /// <summary>
    /// Bodies up to this size are kept in the metadata database (<see cref="SqliteS3MetadataStore"/>'s
    /// <c>inline_bodies</c>) instead of a file: one commit makes object and body durable together.
    /// </summary>
    public const int InlineLimit = 64 * 1024;

    /// <summary>Marks an inline body's name; file names are hex ids, so the two can never collide.</summary>
    private const char InlineMarker = '~';

    private readonly string _objects;
    private readonly string _temp;

    public ObjectBodyStore(string root)
    {
        _objects = Path.Combine(root, "objects");
        _temp = Path.Combine(root, "tmp");
        Directory.CreateDirectory(_objects);
        Directory.CreateDirectory(_temp);
    }

    /// <summary>A new temp file to stream a body into; <see cref="Commit"/> publishes it.</summary>
    public (string TempPath, FileStream Stream) CreateTemp()
    {
        var path = Path.Combine(_temp, Guid.NewGuid().ToString("N"));
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            BufferSize = 0,
        });
        return (path, stream);
    }

    /// <summary>Fsyncs the temp file, renames it to its final name and fsyncs that directory; returns the body's name.</summary>
    public string Commit(string tempPath, FileStream stream)
    {
        stream.Flush(flushToDisk: true);
        stream.Dispose();
        var name = Path.GetFileName(tempPath);
        var directory = Path.Combine(_objects, name[..2]);
        Directory.CreateDirectory(directory);
        File.Move(tempPath, Path.Combine(directory, name));
        SyncDirectory(directory);
        return name;
    }

    public void Discard(string tempPath, FileStream stream)
    {
        stream.Dispose();
        TryDelete(tempPath);
    }

    /// <summary>A fresh name for a body kept inline: unique like a file's, so events and versions can tell bodies apart.</summary>
    public static string NewInlineName() => InlineMarker + Guid.NewGuid().ToString("N");

    public static bool IsInline(string name) => name.Length > 0 && name[0] == InlineMarker;

    public string PathOf(string name) => Path.Combine(_objects, name[..2], name);

    public FileStream OpenRead(string name) => new(PathOf(name), new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.Read,
        Share = FileShare.ReadWrite | FileShare.Delete,
        Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
        BufferSize = 0,
    });

    public void Delete(string name)
    {
        // Inline bodies go with their metadata row, in the store's own transaction.
        if (name.Length > 0 && !IsInline(name))
        {
            TryDelete(PathOf(name));
        }
    }

    /// <summary>
    /// At start-up: removes temp files of interrupted writes and bodies no metadata row points at (a crash between
    /// the rename and the metadata commit, or between a metadata delete and the file delete).
    /// </summary>
    public void RemoveOrphans(IEnumerable<string> referenced)
    {
        foreach (var file in Directory.EnumerateFiles(_temp))
        {
            TryDelete(file);
        }
        var keep = referenced.ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_objects, "*", SearchOption.AllDirectories))
        {
            if (!keep.Contains(Path.GetFileName(file)))
            {
                TryDelete(file);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the next start-up's orphan sweep.
        }
    }

    /// <summary>fsync(2) on the directory makes the rename itself durable (.NET has no API for it).</summary>
    private static void SyncDirectory(string directory)
    {
        var fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            return;
        }
        _ = Fsync(fd);
        _ = Close(fd);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}

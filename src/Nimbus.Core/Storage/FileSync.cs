using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Nimbus.Core.Storage;

/// <summary>
/// fdatasync where there is one: it makes a file's data durable, with the metadata needed to read it back (its size),
/// but skips writing the inode when only its times changed — on ext4 without a journal that is a second synchronous
/// write per call, and a rewritten SQLite WAL changes only its times. Elsewhere a full fsync.
/// </summary>
internal static partial class FileSync
{
    public static void DataToDisk(SafeFileHandle file)
    {
        if (!OperatingSystem.IsLinux())
        {
            RandomAccess.FlushToDisk(file);
            return;
        }
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            if (FDataSync((int)file.DangerousGetHandle()) != 0)
            {
                throw new IOException($"fdatasync failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FDataSync(int fd);
}

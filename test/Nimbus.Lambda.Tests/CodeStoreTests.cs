using System.IO.Compression;
using Nimbus.Core;
using Nimbus.Lambda.Service;
using Nimbus.Lambda.Tests.Infrastructure;

namespace Nimbus.Lambda.Tests;

public sealed class CodeStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "nimbus-codestore-tests", Guid.NewGuid().ToString("N"));
    private readonly CodeStore _store;

    public CodeStoreTests() => _store = new CodeStore(new NimbusPaths(_root));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Store_AboveZippedLimit_ReturnsRequestEntityTooLarge()
    {
        var error = Assert.Throws<AwsServiceException>(() => _store.Store(new byte[CodeStore.MaxZippedBytes + 1]));
        Assert.Equal("RequestEntityTooLargeException", error.ErrorCode);
        Assert.Equal(413, error.StatusCode);
    }

    [Fact]
    public void Store_AboveUnzippedLimit_ReturnsInvalidParameterValue()
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("zeros.bin", CompressionLevel.Fastest).Open();
            var chunk = new byte[1024 * 1024];
            for (var i = 0; i < 251; i++)
            {
                entry.Write(chunk);
            }
        }
        var error = Assert.Throws<AwsServiceException>(() => _store.Store(buffer.ToArray()));
        Assert.Equal("InvalidParameterValueException", error.ErrorCode);
        Assert.Equal("Unzipped size must be smaller than 262144000 bytes", error.Message);
    }

    [Fact]
    public void EnsureUnpacked_IgnoresEntriesThatEscapeTheCodeDirectory()
    {
        var identity = _store.Store(TestZips.Build(("../escape.txt", "x", null), ("ok.txt", "y", null)));
        var directory = _store.EnsureUnpacked(identity.HashHex);
        Assert.True(File.Exists(Path.Combine(directory, "ok.txt")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(directory)!, "escape.txt")));
    }

    [Fact]
    public void EnsureUnpacked_IsIdempotent()
    {
        var identity = _store.Store(TestZips.Python());
        Assert.Equal(_store.EnsureUnpacked(identity.HashHex), _store.EnsureUnpacked(identity.HashHex));
    }
}

using System.Security.Cryptography;

namespace Nimbus.S3.Protocol;

/// <summary>
/// One of S3's flexible checksums (<c>x-amz-checksum-crc32</c>, <c>-crc32c</c>, <c>-crc64nvme</c>, <c>-sha1</c>,
/// <c>-sha256</c>), computed incrementally while a body streams to disk.
/// </summary>
internal sealed class ChecksumCalculator : IDisposable
{
    private readonly Crc? _crc;
    private readonly IncrementalHash? _hash;

    private ChecksumCalculator(string algorithm, Crc? crc, IncrementalHash? hash)
    {
        Algorithm = algorithm;
        _crc = crc;
        _hash = hash;
    }

    /// <summary>S3's spelling: CRC32, CRC32C, CRC64NVME, SHA1, SHA256.</summary>
    public string Algorithm { get; }

    /// <summary>The header carrying this checksum, e.g. <c>x-amz-checksum-crc32</c>.</summary>
    public string HeaderName => HeaderOf(Algorithm);

    public static string HeaderOf(string algorithm) => "x-amz-checksum-" + algorithm.ToLowerInvariant();

    public static readonly string[] Algorithms = ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"];

    /// <summary>The calculator for an algorithm name (any case), or null when S3 does not know it.</summary>
    public static ChecksumCalculator? Create(string algorithm) => algorithm.ToUpperInvariant() switch
    {
        "CRC32" => new("CRC32", Crc.Crc32(), null),
        "CRC32C" => new("CRC32C", Crc.Crc32C(), null),
        "CRC64NVME" => new("CRC64NVME", Crc.Crc64Nvme(), null),
        "SHA1" => new("SHA1", null, IncrementalHash.CreateHash(HashAlgorithmName.SHA1)),
        "SHA256" => new("SHA256", null, IncrementalHash.CreateHash(HashAlgorithmName.SHA256)),
        _ => null,
    };

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_crc is not null)
        {
            _crc.Append(data);
        }
        else
        {
            _hash!.AppendData(data);
        }
    }

    public string GetBase64() => Convert.ToBase64String(_crc is not null ? _crc.GetHashAndReset() : _hash!.GetHashAndReset());

    public void Dispose() => _hash?.Dispose();
}

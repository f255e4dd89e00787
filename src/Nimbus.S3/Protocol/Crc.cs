namespace Nimbus.S3.Protocol;

/// <summary>
/// Reflected table-driven CRCs of the three polynomials S3's flexible checksums use: CRC32 (ISO-HDLC, 0xEDB88320),
/// CRC32C (Castagnoli, 0x82F63B78) and CRC64NVME (0x9A6C9329AC4BC9B5). Values are big-endian on the wire.
/// </summary>
internal sealed class Crc
{
    private static readonly ulong[] Crc32Table = Table(0xEDB88320UL);
    private static readonly ulong[] Crc32CTable = Table(0x82F63B78UL);
    private static readonly ulong[] Crc64NvmeTable = Table(0x9A6C9329AC4BC9B5UL);

    private readonly ulong[] _table;
    private readonly ulong _mask;
    private readonly int _bytes;
    private ulong _state;

    private Crc(ulong[] table, int bytes)
    {
        _table = table;
        _bytes = bytes;
        _mask = bytes == 8 ? ulong.MaxValue : (1UL << (bytes * 8)) - 1;
        _state = _mask;
    }

    public static Crc Crc32() => new(Crc32Table, 4);

    public static Crc Crc32C() => new(Crc32CTable, 4);

    public static Crc Crc64Nvme() => new(Crc64NvmeTable, 8);

    public void Append(ReadOnlySpan<byte> data)
    {
        var state = _state;
        var table = _table;
        foreach (var b in data)
        {
            state = table[(int)((state ^ b) & 0xFF)] ^ (state >> 8);
        }
        _state = state;
    }

    public byte[] GetHashAndReset()
    {
        var value = (_state ^ _mask) & _mask;
        var result = new byte[_bytes];
        for (var i = 0; i < _bytes; i++)
        {
            result[i] = (byte)(value >> (8 * (_bytes - 1 - i)));
        }
        _state = _mask;
        return result;
    }

    private static ulong[] Table(ulong polynomial)
    {
        var table = new ulong[256];
        for (ulong i = 0; i < 256; i++)
        {
            var crc = i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ polynomial : crc >> 1;
            }
            table[i] = crc;
        }
        return table;
    }
}

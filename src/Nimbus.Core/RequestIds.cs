namespace Nimbus.Core;

/// <summary>Identifiers in the shapes AWS uses.</summary>
public static class RequestIds
{
    /// <summary>A request id as Lambda and most JSON services print it: a lower-case UUID (version 4).</summary>
    public static string NewRequestId() => RandomUuid().ToString("D");

    /// <summary>32 lower-case hex characters, as in Lambda log stream names.</summary>
    public static string NewHex32() => RandomUuid().ToString("N");

    /// <summary>
    /// A version-4 UUID from <see cref="Random.Shared"/> (xoshiro256**, seeded once from the OS). Request ids must be
    /// unique, not unguessable, and every request and invoke takes one or two: <see cref="Guid.NewGuid"/> reads
    /// /dev/urandom each time, a system call of ~1.8 µs on a VM, against ~30 ns here.
    /// </summary>
    private static Guid RandomUuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        // The Guid constructor reads the third field little-endian: its high byte, with the version nibble, is bytes[7].
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        // RFC 4122 variant: the two high bits of the clock sequence are 10.
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}

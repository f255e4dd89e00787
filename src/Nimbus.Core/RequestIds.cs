namespace Nimbus.Core;

/// <summary>Identifiers in the shapes AWS uses.</summary>
public static class RequestIds
{
    /// <summary>A request id as Lambda and most JSON services print it: a lower-case UUID.</summary>
    public static string NewRequestId() => Guid.NewGuid().ToString("D");

    /// <summary>32 lower-case hex characters, as in Lambda log stream names.</summary>
    public static string NewHex32() => Guid.NewGuid().ToString("N");
}

namespace Nimbus.Protocol.Documents;

/// <summary>
/// A request document that is not what the operation expects: unparseable bytes, or a member of the wrong type.
/// Services turn it into their own validation error (the code differs per service).
/// </summary>
public sealed class WireFormatException : Exception
{
    public WireFormatException(string expected)
        : base($"expected {expected}")
    {
        Expected = expected;
    }

    public WireFormatException(string message, Exception? inner)
        : base(message, inner)
    {
        Expected = "";
    }

    /// <summary>What the value should have been ("a number"); empty when the document itself is malformed.</summary>
    public string Expected { get; }
}

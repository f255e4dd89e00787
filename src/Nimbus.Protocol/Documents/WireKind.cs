namespace Nimbus.Protocol.Documents;

/// <summary>The kinds of value the AWS protocols carry, independent of how each encodes them.</summary>
public enum WireKind
{
    Null,
    Boolean,
    Number,
    String,
    Timestamp,
    Blob,
    List,
    Map,
}

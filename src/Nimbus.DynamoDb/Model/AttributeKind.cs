namespace Nimbus.DynamoDb.Model;

/// <summary>The data type descriptors of an AttributeValue, named as on the wire.</summary>
internal enum AttributeKind
{
    S,
    N,
    B,
    BOOL,
    NULL,
    SS,
    NS,
    BS,
    L,
    M,
}

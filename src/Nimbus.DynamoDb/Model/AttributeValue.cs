namespace Nimbus.DynamoDb.Model;

/// <summary>
/// One DynamoDB value. Immutable by convention: updates build new values, so an item read from the store can be
/// shared between the old image (for ReturnValues and streams) and the new one.
/// </summary>
internal sealed class AttributeValue : IEquatable<AttributeValue>
{
    private AttributeValue(AttributeKind kind, object? payload)
    {
        Kind = kind;
        Payload = payload;
    }

    public AttributeKind Kind { get; }

    private object? Payload { get; }

    public static readonly AttributeValue Null = new(AttributeKind.NULL, null);
    public static readonly AttributeValue True = new(AttributeKind.BOOL, true);
    public static readonly AttributeValue False = new(AttributeKind.BOOL, false);

    public static AttributeValue String(string value) => new(AttributeKind.S, value);

    public static AttributeValue Number(DynamoNumber value) => new(AttributeKind.N, value);

    public static AttributeValue Binary(byte[] value) => new(AttributeKind.B, value);

    public static AttributeValue Bool(bool value) => value ? True : False;

    public static AttributeValue StringSet(IReadOnlyList<string> values) => new(AttributeKind.SS, values);

    public static AttributeValue NumberSet(IReadOnlyList<DynamoNumber> values) => new(AttributeKind.NS, values);

    public static AttributeValue BinarySet(IReadOnlyList<byte[]> values) => new(AttributeKind.BS, values);

    public static AttributeValue List(IReadOnlyList<AttributeValue> values) => new(AttributeKind.L, values);

    public static AttributeValue Map(IReadOnlyDictionary<string, AttributeValue> values) => new(AttributeKind.M, values);

    public string S => (string)Payload!;

    public DynamoNumber N => (DynamoNumber)Payload!;

    public byte[] B => (byte[])Payload!;

    public bool BOOL => (bool)Payload!;

    public IReadOnlyList<string> SS => (IReadOnlyList<string>)Payload!;

    public IReadOnlyList<DynamoNumber> NS => (IReadOnlyList<DynamoNumber>)Payload!;

    public IReadOnlyList<byte[]> BS => (IReadOnlyList<byte[]>)Payload!;

    public IReadOnlyList<AttributeValue> L => (IReadOnlyList<AttributeValue>)Payload!;

    public IReadOnlyDictionary<string, AttributeValue> M => (IReadOnlyDictionary<string, AttributeValue>)Payload!;

    public bool IsSet => Kind is AttributeKind.SS or AttributeKind.NS or AttributeKind.BS;

    /// <summary>The number of elements of a set, list or map.</summary>
    public int Count => Kind switch
    {
        AttributeKind.SS => SS.Count,
        AttributeKind.NS => NS.Count,
        AttributeKind.BS => BS.Count,
        AttributeKind.L => L.Count,
        AttributeKind.M => M.Count,
        _ => 0,
    };

    /// <summary>Value equality as DynamoDB compares: sets as sets, maps regardless of member order.</summary>
    public bool Equals(AttributeValue? other)
    {
        if (other is null || other.Kind != Kind)
        {
            return false;
        }
        return Kind switch
        {
            AttributeKind.S => S == other.S,
            AttributeKind.N => N.Equals(other.N),
            AttributeKind.B => B.AsSpan().SequenceEqual(other.B),
            AttributeKind.BOOL => BOOL == other.BOOL,
            AttributeKind.NULL => true,
            AttributeKind.SS => SS.Count == other.SS.Count && SS.All(other.SS.Contains),
            AttributeKind.NS => NS.Count == other.NS.Count && NS.All(other.NS.Contains),
            AttributeKind.BS => BS.Count == other.BS.Count && BS.All(b => other.BS.Any(o => o.AsSpan().SequenceEqual(b))),
            AttributeKind.L => L.Count == other.L.Count && L.Zip(other.L).All(p => p.First.Equals(p.Second)),
            AttributeKind.M => M.Count == other.M.Count && M.All(p => other.M.TryGetValue(p.Key, out var v) && p.Value.Equals(v)),
            _ => false,
        };
    }

    public override bool Equals(object? obj) => obj is AttributeValue other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        AttributeKind.S => HashCode.Combine(Kind, S),
        AttributeKind.N => HashCode.Combine(Kind, N),
        AttributeKind.B => HashCode.Combine(Kind, B.Length, B.Length > 0 ? B[0] : 0),
        AttributeKind.BOOL => HashCode.Combine(Kind, BOOL),
        _ => HashCode.Combine(Kind, Count),
    };

    /// <summary>How AWS names the type in error messages ("operand type: M").</summary>
    public string TypeName => Kind.ToString();
}

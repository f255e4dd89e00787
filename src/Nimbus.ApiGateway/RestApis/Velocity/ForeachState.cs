namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary><c>$foreach</c> inside a loop: <c>hasNext</c>, <c>index</c>, <c>count</c>, <c>first</c>, <c>last</c>.</summary>
internal sealed class ForeachState : IVelocityObject
{
    public int Index { get; set; }

    public int Total { get; init; }

    public bool TryGet(string name, out object? value)
    {
        value = name switch
        {
            "hasNext" or "next" => Index + 1 < Total,
            "index" => (long)Index,
            "count" => (long)Index + 1,
            "first" => Index == 0,
            "last" => Index + 1 == Total,
            _ => null,
        };
        return value is not null;
    }

    public bool TryInvoke(string name, object?[] arguments, out object? value)
    {
        var property = name switch
        {
            "hasNext" => "hasNext",
            "getIndex" => "index",
            "getCount" => "count",
            "isFirst" => "first",
            "isLast" => "last",
            _ => name,
        };
        return TryGet(property, out value);
    }
}

namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary>A template root (<c>$input</c>, <c>$context</c>, <c>$util</c>, <c>$foreach</c>) answering properties and methods by name.</summary>
internal interface IVelocityObject
{
    bool TryGet(string name, out object? value);

    bool TryInvoke(string name, object?[] arguments, out object? value);

    /// <summary><c>#set($root.name = value)</c>; false when the property cannot be set.</summary>
    bool TrySet(string name, object? value) => false;
}

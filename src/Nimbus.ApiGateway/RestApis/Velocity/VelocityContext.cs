namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary>
/// <c>$context</c> and its groups (<c>$context.identity</c>, <c>$context.authorizer</c>, …): a property is looked up by
/// its dotted name. <c>#set($context.responseOverride.status = 400)</c> and <c>….header.X</c> (and
/// <c>requestOverride</c>) are recorded for the integration to apply.
/// </summary>
internal sealed class VelocityContext : IVelocityObject
{
    private static readonly HashSet<string> Groups = new(StringComparer.Ordinal)
    {
        "identity", "authorizer", "error", "requestOverride", "responseOverride", "requestOverride.header", "requestOverride.querystring",
        "requestOverride.path", "responseOverride.header", "identity.clientCert",
    };

    private readonly Func<string, object?> _lookup;
    private readonly string _prefix;
    private readonly Dictionary<string, string> _overrides;

    public VelocityContext(Func<string, object?> lookup, Dictionary<string, string> overrides, string prefix = "")
    {
        _lookup = lookup;
        _overrides = overrides;
        _prefix = prefix;
    }

    public bool TryGet(string name, out object? value)
    {
        var path = _prefix + name;
        value = _overrides.TryGetValue(path, out var overridden) ? overridden
            : _lookup(path) is { } found ? found
            : Groups.Contains(path) ? new VelocityContext(_lookup, _overrides, path + ".")
            : null;
        return value is not null;
    }

    public bool TryInvoke(string name, object?[] arguments, out object? value)
    {
        value = null;
        return false;
    }

    public bool TrySet(string name, object? value)
    {
        var path = _prefix + name;
        if (!path.StartsWith("responseOverride.", StringComparison.Ordinal) && !path.StartsWith("requestOverride.", StringComparison.Ordinal))
        {
            return false;
        }
        _overrides[path] = VelocityValues.Render(value);
        return true;
    }

    public override string ToString() => "";
}

using System.Text;

namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary>One rendering: the variables (roots first, then what <c>#set</c> and <c>#foreach</c> add) and the output.</summary>
internal sealed class VelocityScope
{
    /// <summary>AWS stops a <c>#foreach</c> after 1,000 iterations.</summary>
    public const int MaxIterations = 1000;

    private readonly Dictionary<string, object?> _variables;

    public VelocityScope(IReadOnlyDictionary<string, object?> roots) => _variables = new Dictionary<string, object?>(roots, StringComparer.Ordinal);

    /// <summary>Where text goes; swapped while a double-quoted string literal renders.</summary>
    public StringBuilder Output { get; set; } = new();

    /// <summary>Set by <c>#break</c> until the enclosing loop (or the template) ends; <c>#stop</c> ends the template.</summary>
    public bool Breaking { get; set; }

    public bool Stopped { get; set; }

    public bool IsDefined(string name) => _variables.ContainsKey(name);

    public object? Get(string name) => _variables.GetValueOrDefault(name);

    public void Set(string name, object? value) => _variables[name] = value;

    public void Remove(string name) => _variables.Remove(name);
}

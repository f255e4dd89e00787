using System.Text.RegularExpressions;

namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary>
/// Properties and methods on values: the Java <c>String</c>, <c>List</c> and <c>Map</c> methods templates use, and the
/// roots' own. Unknown members and bad arguments give null, as Velocity does when a method cannot be found.
/// </summary>
internal static class VelocityMembers
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public static object? Get(object? target, string name) => target switch
    {
        IVelocityObject root => root.TryGet(name, out var value) ? value : null,
        IDictionary<string, object?> map => map.TryGetValue(name, out var value) ? value : null,
        // Velocity resolves $x.empty to isEmpty(), $list.size to nothing (only size()).
        string text when name == "empty" => text.Length == 0,
        IList<object?> list when name == "empty" => list.Count == 0,
        _ => null,
    };

    public static object? Index(object? target, object? index) => target switch
    {
        IList<object?> list when VelocityValues.ToInt(index) is { } i => i >= 0 && i < list.Count ? list[i] : null,
        IDictionary<string, object?> map when index is not null => map.TryGetValue(VelocityValues.Render(index), out var value) ? value : null,
        _ => null,
    };

    public static void Set(object? target, string name, object? value)
    {
        switch (target)
        {
            case IVelocityObject root:
                root.TrySet(name, value);
                break;
            case IDictionary<string, object?> map:
                map[name] = value;
                break;
        }
    }

    public static object? Invoke(object? target, string name, object?[] arguments)
    {
        try
        {
            return target switch
            {
                null => null,
                IVelocityObject root => root.TryInvoke(name, arguments, out var value) ? value : null,
                string text => OnString(text, name, arguments),
                IDictionary<string, object?> map => OnMap(map, name, arguments),
                IList<object?> list => OnList(list, name, arguments),
                _ => name == "toString" ? VelocityValues.Render(target) : name == "equals" && arguments.Length == 1 ? VelocityValues.AreEqual(target, arguments[0]) : null,
            };
        }
        catch (Exception error) when (error is ArgumentException or RegexMatchTimeoutException or IndexOutOfRangeException)
        {
            // Java would throw (an out-of-range substring, a bad pattern); Velocity leaves the reference unrendered.
            return null;
        }
    }

    private static object? OnString(string text, string name, object?[] a)
    {
        string Arg(int i) => VelocityValues.Render(a[i]);
        int? Int(int i) => VelocityValues.ToInt(a[i]);
        return (name, a.Length) switch
        {
            ("length", 0) => (long)text.Length,
            ("isEmpty", 0) => text.Length == 0,
            ("toString" or "trim" or "toLowerCase" or "toUpperCase" or "strip", 0) => name switch
            {
                "trim" or "strip" => text.Trim(),
                "toLowerCase" => text.ToLowerInvariant(),
                "toUpperCase" => text.ToUpperInvariant(),
                _ => text,
            },
            ("substring", 1) when Int(0) is { } from => text[from..],
            ("substring", 2) when Int(0) is { } from && Int(1) is { } to => text[from..to],
            ("charAt", 1) when Int(0) is { } at => text[at].ToString(),
            ("indexOf", 1) => (long)text.IndexOf(Arg(0), StringComparison.Ordinal),
            ("indexOf", 2) when Int(1) is { } from => (long)text.IndexOf(Arg(0), Math.Min(from, text.Length), StringComparison.Ordinal),
            ("lastIndexOf", 1) => (long)text.LastIndexOf(Arg(0), StringComparison.Ordinal),
            ("contains", 1) => text.Contains(Arg(0), StringComparison.Ordinal),
            ("startsWith", 1) => text.StartsWith(Arg(0), StringComparison.Ordinal),
            ("endsWith", 1) => text.EndsWith(Arg(0), StringComparison.Ordinal),
            ("equals", 1) => a[0] is string other && text == other,
            ("equalsIgnoreCase", 1) => a[0] is string other && string.Equals(text, other, StringComparison.OrdinalIgnoreCase),
            ("concat", 1) => text + Arg(0),
            ("replace", 2) => text.Replace(Arg(0), Arg(1), StringComparison.Ordinal),
            ("replaceAll", 2) => Regex.Replace(text, Arg(0), JavaReplacement(Arg(1)), RegexOptions.None, RegexTimeout),
            ("replaceFirst", 2) => new Regex(Arg(0), RegexOptions.None, RegexTimeout).Replace(text, JavaReplacement(Arg(1)), 1),
            ("matches", 1) => Regex.IsMatch(text, "^(?:" + Arg(0) + ")$", RegexOptions.None, RegexTimeout),
            ("split", 1) => Split(text, Arg(0)),
            _ => null,
        };
    }

    /// <summary>Java's <c>String.split</c>: a regex, trailing empty strings dropped.</summary>
    private static List<object?> Split(string text, string pattern)
    {
        var parts = Regex.Split(text, pattern, RegexOptions.None, RegexTimeout).ToList();
        while (parts.Count > 1 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1);
        }
        return [.. parts.Cast<object?>()];
    }

    /// <summary>Java replacement text: <c>\x</c> is a literal x, <c>$1</c> a group (as in .NET, where a literal <c>$</c> is <c>$$</c>).</summary>
    private static string JavaReplacement(string replacement)
    {
        var result = new System.Text.StringBuilder(replacement.Length);
        for (var i = 0; i < replacement.Length; i++)
        {
            if (replacement[i] == '\\' && i + 1 < replacement.Length)
            {
                i++;
                result.Append(replacement[i] == '$' ? "$$" : replacement[i].ToString());
            }
            else
            {
                result.Append(replacement[i]);
            }
        }
        return result.ToString();
    }

    private static object? OnMap(IDictionary<string, object?> map, string name, object?[] a) => (name, a.Length) switch
    {
        ("get", 1) => a[0] is null ? null : map.TryGetValue(VelocityValues.Render(a[0]), out var value) ? value : null,
        ("containsKey", 1) => a[0] is not null && map.ContainsKey(VelocityValues.Render(a[0])),
        ("keySet", 0) => map.Keys.Cast<object?>().ToList(),
        ("values", 0) => map.Values.ToList(),
        ("entrySet", 0) => map.Select(p => (object?)new Dictionary<string, object?> { ["key"] = p.Key, ["value"] = p.Value }).ToList(),
        ("size", 0) => (long)map.Count,
        ("isEmpty", 0) => map.Count == 0,
        ("put", 2) when a[0] is not null => Put(map, VelocityValues.Render(a[0]), a[1]),
        ("remove", 1) when a[0] is not null => map.Remove(VelocityValues.Render(a[0]), out var removed) ? removed : null,
        ("toString", 0) => VelocityValues.Render(map),
        _ => null,
    };

    private static object? Put(IDictionary<string, object?> map, string key, object? value)
    {
        map.TryGetValue(key, out var previous);
        map[key] = value;
        return previous;
    }

    private static object? OnList(IList<object?> list, string name, object?[] a) => (name, a.Length) switch
    {
        ("size", 0) => (long)list.Count,
        ("isEmpty", 0) => list.Count == 0,
        ("get", 1) => Index(list, a[0]),
        ("contains", 1) => list.Any(item => VelocityValues.AreEqual(item, a[0])),
        ("indexOf", 1) => (long)list.ToList().FindIndex(item => VelocityValues.AreEqual(item, a[0])),
        ("add", 1) => Add(list, a[0]),
        ("toString", 0) => VelocityValues.Render(list),
        _ => null,
    };

    private static bool Add(IList<object?> list, object? item)
    {
        list.Add(item);
        return true;
    }
}

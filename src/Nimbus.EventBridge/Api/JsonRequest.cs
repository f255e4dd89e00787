using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api;

/// <summary>
/// Reads members of a JSON request body with the service model's types and constraints. A member of the wrong JSON type
/// is a <c>SerializationException</c>; a constraint violation is AWS's <c>ValidationException</c> text, which names the
/// member in camelCase (<c>Value 'x' at 'name' failed to satisfy constraint: …</c>).
/// </summary>
internal sealed class JsonRequest
{
    private readonly JsonElement _root;

    public JsonRequest(JsonElement root) => _root = root;

    public JsonElement Root => _root;

    public string? String(string member, int max = int.MaxValue, int min = 0, Regex? pattern = null)
    {
        if (!_root.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Wrong(member, "a string");
        }
        var text = value.GetString()!;
        Check(text, member, max, min, pattern);
        return text;
    }

    public string Required(string member, int max = int.MaxValue, int min = 1, Regex? pattern = null) =>
        String(member, max, min, pattern) ?? throw EventsErrors.Constraint(null, Camel(member), "Member must not be null");

    public int? Int(string member, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!_root.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw Wrong(member, "an integer");
        }
        if (number < min)
        {
            throw EventsErrors.Constraint(number.ToString(CultureInfo.InvariantCulture), Camel(member), $"Member must have value greater than or equal to {min}");
        }
        if (number > max)
        {
            throw EventsErrors.Constraint(number.ToString(CultureInfo.InvariantCulture), Camel(member), $"Member must have value less than or equal to {max}");
        }
        return number;
    }

    public bool? Bool(string member) =>
        !_root.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw Wrong(member, "a boolean");

    /// <summary>Epoch seconds (what botocore sends for timestamps in JSON protocols) or an ISO 8601 string.</summary>
    public DateTimeOffset? Timestamp(string member)
    {
        if (!_root.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(value.GetDouble() * 1000));
        }
        if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }
        throw Wrong(member, "a timestamp");
    }

    public List<string>? Strings(string member)
    {
        if (!_root.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw Wrong(member, "a list of strings");
        }
        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    public List<JsonRequest>? Objects(string member)
    {
        if (!_root.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Object))
        {
            throw Wrong(member, "a list of structures");
        }
        return value.EnumerateArray().Select(v => new JsonRequest(v)).ToList();
    }

    public JsonRequest? Object(string member)
    {
        if (!_root.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Object ? new JsonRequest(value) : throw Wrong(member, "a structure");
    }

    /// <summary>A string-to-string map.</summary>
    public Dictionary<string, string>? Map(string member)
    {
        if (Object(member) is not { } map)
        {
            return null;
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in map.Root.EnumerateObject())
        {
            result[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : throw Wrong(member, "a map of strings");
        }
        return result;
    }

    /// <summary>A <c>Tags</c> list of <c>{Key, Value}</c>.</summary>
    public Dictionary<string, string>? Tags(string member = "Tags")
    {
        if (Objects(member) is not { } list)
        {
            return null;
        }
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in list)
        {
            tags[tag.Required("Key", 128)] = tag.String("Value", 256) ?? throw EventsErrors.Constraint(null, "tags.member.value", "Member must not be null");
        }
        return tags;
    }

    /// <summary>Members present in the request that are not in <paramref name="known"/>, as raw JSON (kept to echo back).</summary>
    public Dictionary<string, string> Others(params string[] known)
    {
        var others = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in _root.EnumerateObject())
        {
            if (!known.Contains(property.Name) && property.Value.ValueKind != JsonValueKind.Null)
            {
                others[property.Name] = property.Value.GetRawText();
            }
        }
        return others;
    }

    public static void Check(string text, string member, int max, int min, Regex? pattern)
    {
        if (text.Length < min)
        {
            throw EventsErrors.Constraint(text, Camel(member), $"Member must have length greater than or equal to {min}");
        }
        if (text.Length > max)
        {
            throw EventsErrors.Constraint(text, Camel(member), $"Member must have length less than or equal to {max}");
        }
        if (pattern is not null && !pattern.IsMatch(text))
        {
            throw EventsErrors.Constraint(text, Camel(member), $"Member must satisfy regular expression pattern: {pattern.ToString().TrimStart('^').TrimEnd('$')}");
        }
    }

    private static string Camel(string member) => member.Length == 0 ? member : char.ToLowerInvariant(member[0]) + member[1..];

    private static Exception Wrong(string member, string type) => EventsErrors.Serialization($"The value of {member} must be {type}.");
}

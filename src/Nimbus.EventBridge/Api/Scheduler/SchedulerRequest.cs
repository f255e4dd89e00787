using Microsoft.AspNetCore.Http;
using Nimbus.EventBridge.Service;

namespace Nimbus.EventBridge.Api.Scheduler;

/// <summary>A rest-json Scheduler request: URI labels, query string and the JSON body.</summary>
internal sealed class SchedulerRequest(IReadOnlyDictionary<string, string> labels, IQueryCollection query, JsonRequest body)
{
    public JsonRequest Body => body;

    public string Label(string name) => labels[name];

    /// <summary>A schedule or group name from the URI, checked against the model's pattern.</summary>
    public string Name()
    {
        var name = labels["Name"];
        JsonRequest.Check(name, "Name", 64, 1, Names.ScheduleName());
        return name;
    }

    public string? Query(string name, int max = 2048)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }
        var value = values[0]!;
        JsonRequest.Check(value, name, max, 1, null);
        return value;
    }

    public IReadOnlyList<string> QueryList(string name) =>
        query.TryGetValue(name, out var values) ? values.Where(v => v is not null).Select(v => v!).ToList() : [];

    public int? QueryInt(string name, int min, int max)
    {
        if (Query(name) is not { } text)
        {
            return null;
        }
        if (!int.TryParse(text, out var value) || value < min || value > max)
        {
            throw SchedulerErrors.Validation($"1 validation error detected: Value '{text}' at '{char.ToLowerInvariant(name[0]) + name[1..]}' failed to satisfy constraint: Member must have value between {min} and {max}");
        }
        return value;
    }
}

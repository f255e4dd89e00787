using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Expressions;

/// <summary>
/// Applies a projection: copies the named paths into a new item, keeping their nesting. Elements picked from one
/// list come back as a shorter list in index order, as DynamoDB returns them.
/// </summary>
internal static class Projector
{
    public static Dictionary<string, AttributeValue> Project(IReadOnlyDictionary<string, AttributeValue> item, IEnumerable<DocumentPath> paths)
    {
        var result = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        var nested = new Dictionary<string, List<DocumentPath>>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (!item.TryGetValue(path.Root, out var value))
            {
                continue;
            }
            if (path.IsTopLevel)
            {
                result[path.Root] = value;
            }
            else
            {
                (nested.TryGetValue(path.Root, out var list) ? list : nested[path.Root] = []).Add(path);
            }
        }
        foreach (var (root, list) in nested)
        {
            if (ProjectValue(item[root], list.Select(p => p.Elements.Skip(1).ToList()).ToList()) is { } projected)
            {
                result[root] = projected;
            }
        }
        return result;
    }

    private static AttributeValue? ProjectValue(AttributeValue value, List<List<PathElement>> tails)
    {
        if (tails.Any(t => t.Count == 0))
        {
            return value;
        }
        var groups = tails.GroupBy(t => t[0]).ToList();
        if (value.Kind == AttributeKind.M)
        {
            var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
            foreach (var group in groups.Where(g => !g.Key.IsIndex))
            {
                if (value.M.TryGetValue(group.Key.Name!, out var child) && ProjectValue(child, group.Select(t => t.Skip(1).ToList()).ToList()) is { } projected)
                {
                    map[group.Key.Name!] = projected;
                }
            }
            return map.Count > 0 ? AttributeValue.Map(map) : null;
        }
        if (value.Kind == AttributeKind.L)
        {
            var list = new List<AttributeValue>();
            foreach (var group in groups.Where(g => g.Key.IsIndex && g.Key.Index < value.L.Count).OrderBy(g => g.Key.Index))
            {
                if (ProjectValue(value.L[group.Key.Index], group.Select(t => t.Skip(1).ToList()).ToList()) is { } projected)
                {
                    list.Add(projected);
                }
            }
            return list.Count > 0 ? AttributeValue.List(list) : null;
        }
        return null;
    }
}

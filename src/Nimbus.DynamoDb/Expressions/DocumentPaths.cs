using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Expressions;

/// <summary>Reads and rewrites document paths in items. Values are immutable: a write copies the containers on
/// the path and shares everything else.</summary>
internal static class DocumentPaths
{
    public static AttributeValue? Get(IReadOnlyDictionary<string, AttributeValue> item, DocumentPath path)
    {
        if (!item.TryGetValue(path.Root, out var current))
        {
            return null;
        }
        for (var i = 1; i < path.Elements.Count; i++)
        {
            current = Step(current, path.Elements[i]);
            if (current is null)
            {
                return null;
            }
        }
        return current;
    }

    private static AttributeValue? Step(AttributeValue container, PathElement element)
    {
        if (element.IsIndex)
        {
            return container.Kind == AttributeKind.L && element.Index < container.L.Count ? container.L[element.Index] : null;
        }
        return container.Kind == AttributeKind.M && container.M.TryGetValue(element.Name!, out var child) ? child : null;
    }

    /// <summary>SET: the parent must exist with the right type; an index past the end of a list appends.</summary>
    public static void Set(Dictionary<string, AttributeValue> item, DocumentPath path, AttributeValue value)
    {
        if (path.IsTopLevel)
        {
            item[path.Root] = value;
            return;
        }
        if (!item.TryGetValue(path.Root, out var root))
        {
            throw ExpressionErrors.InvalidDocumentPath();
        }
        item[path.Root] = SetIn(root, path.Elements, 1, value);
    }

    private static AttributeValue SetIn(AttributeValue container, IReadOnlyList<PathElement> path, int depth, AttributeValue value)
    {
        var element = path[depth];
        var last = depth == path.Count - 1;
        if (element.IsIndex)
        {
            if (container.Kind != AttributeKind.L)
            {
                throw ExpressionErrors.InvalidDocumentPath();
            }
            var list = container.L.ToList();
            if (element.Index >= list.Count)
            {
                if (!last)
                {
                    throw ExpressionErrors.InvalidDocumentPath();
                }
                list.Add(value);
            }
            else
            {
                list[element.Index] = last ? value : SetIn(list[element.Index], path, depth + 1, value);
            }
            return AttributeValue.List(list);
        }
        if (container.Kind != AttributeKind.M)
        {
            throw ExpressionErrors.InvalidDocumentPath();
        }
        var map = new Dictionary<string, AttributeValue>(container.M, StringComparer.Ordinal);
        if (last)
        {
            map[element.Name!] = value;
        }
        else
        {
            if (!map.TryGetValue(element.Name!, out var child))
            {
                throw ExpressionErrors.InvalidDocumentPath();
            }
            map[element.Name!] = SetIn(child, path, depth + 1, value);
        }
        return AttributeValue.Map(map);
    }

    /// <summary>REMOVE: a missing path is not an error; removing a list element shifts the ones after it.</summary>
    public static void Remove(Dictionary<string, AttributeValue> item, DocumentPath path)
    {
        if (path.IsTopLevel)
        {
            item.Remove(path.Root);
            return;
        }
        if (item.TryGetValue(path.Root, out var root) && RemoveIn(root, path.Elements, 1) is { } updated)
        {
            item[path.Root] = updated;
        }
    }

    private static AttributeValue? RemoveIn(AttributeValue container, IReadOnlyList<PathElement> path, int depth)
    {
        var element = path[depth];
        var last = depth == path.Count - 1;
        if (element.IsIndex)
        {
            if (container.Kind != AttributeKind.L || element.Index >= container.L.Count)
            {
                return null;
            }
            var list = container.L.ToList();
            if (last)
            {
                list.RemoveAt(element.Index);
            }
            else if (RemoveIn(list[element.Index], path, depth + 1) is { } child)
            {
                list[element.Index] = child;
            }
            else
            {
                return null;
            }
            return AttributeValue.List(list);
        }
        if (container.Kind != AttributeKind.M || !container.M.TryGetValue(element.Name!, out var member))
        {
            return null;
        }
        var map = new Dictionary<string, AttributeValue>(container.M, StringComparer.Ordinal);
        if (last)
        {
            map.Remove(element.Name!);
        }
        else if (RemoveIn(member, path, depth + 1) is { } child)
        {
            map[element.Name!] = child;
        }
        else
        {
            return null;
        }
        return AttributeValue.Map(map);
    }
}

using System.Globalization;
using Nimbus.ApiGateway.RestApis.Model;

namespace Nimbus.ApiGateway.RestApis.Service;

/// <summary>
/// The patch operations of every Update* call: each names an <c>op</c> and a <c>path</c> whose segments are
/// JSON-Pointer escaped (<c>~1</c> is <c>/</c>, <c>~0</c> is <c>~</c>). Each operation validates its own paths; this
/// holds the parsing and the AWS messages for what is wrong.
/// </summary>
internal static class Patches
{
    private static readonly HashSet<string> Ops = new(StringComparer.Ordinal) { "add", "remove", "replace", "move", "copy", "test" };

    /// <summary>Runs <paramref name="apply"/> for each operation with its unescaped path segments.</summary>
    public static void Apply(List<PatchOperation>? operations, Action<PatchOperation, string[]> apply)
    {
        foreach (var operation in operations ?? [])
        {
            if (operation.Op is null || !Ops.Contains(operation.Op))
            {
                throw RestErrors.BadRequest($"Invalid patch operation specified. Must be one of: [add, remove, replace, move, copy, test]");
            }
            if (string.IsNullOrEmpty(operation.Path) || operation.Path[0] != '/')
            {
                throw RestErrors.BadRequest($"Invalid patch path {operation.Path ?? "null"}");
            }
            var segments = operation.Path[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
            apply(operation, segments);
        }
    }

    public static Exception InvalidPath(PatchOperation operation) =>
        RestErrors.BadRequest($"Invalid patch path '{operation.Path}' specified for op '{operation.Op}'. Please choose supported operations");

    public static Exception UnsupportedOp(PatchOperation operation) =>
        RestErrors.BadRequest($"Invalid patch operation specified. Must be 'add'|'remove'|'replace'|'move'|'copy'|'test' for path '{operation.Path}'" +
            (operation.Op is "replace" or "add" or "remove" ? "" : $"; op '{operation.Op}' is not supported here"));

    public static string Text(PatchOperation operation) =>
        operation.Value ?? throw RestErrors.BadRequest($"Invalid null value for path {operation.Path}");

    /// <summary>The value of a replace (null for remove), for optional string members.</summary>
    public static string? OptionalText(PatchOperation operation) => operation.Op == "remove" ? null : operation.Value;

    public static bool Bool(PatchOperation operation) => Text(operation).ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw RestErrors.BadRequest($"Invalid Boolean value: {operation.Value} for path {operation.Path}"),
    };

    public static int Int(PatchOperation operation) =>
        int.TryParse(Text(operation), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw RestErrors.BadRequest($"Invalid Integer value: {operation.Value} for path {operation.Path}");

    public static double Double(PatchOperation operation) =>
        double.TryParse(Text(operation), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw RestErrors.BadRequest($"Invalid Double value: {operation.Value} for path {operation.Path}");

    /// <summary>add/replace sets <paramref name="key"/> in the map, remove deletes it.</summary>
    public static void Map<TValue>(PatchOperation operation, Dictionary<string, TValue> map, string key, Func<string, TValue> parse)
    {
        switch (operation.Op)
        {
            case "add" or "replace":
                map[key] = parse(Text(operation));
                break;
            case "remove":
                if (!map.Remove(key))
                {
                    throw RestErrors.BadRequest($"Cannot remove '{key}': it does not exist");
                }
                break;
            default:
                throw UnsupportedOp(operation);
        }
    }

    /// <summary>Requires add/replace (or remove when allowed) for a simple member.</summary>
    public static void RequireSet(PatchOperation operation, bool removable = false)
    {
        if (operation.Op is not ("replace" or "add") && !(removable && operation.Op == "remove"))
        {
            throw UnsupportedOp(operation);
        }
    }
}

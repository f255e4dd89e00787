using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Protocol.Documents;

namespace Nimbus.CloudWatch.Metrics.Api;

/// <summary>
/// Typed reads of request members, whichever protocol carried them. A member of the wrong type is CloudWatch's
/// InvalidParameterValue naming the member as the query protocol spells it (<c>MetricData.member.1.Value</c>).
/// </summary>
internal static class Input
{
    public static string? String(WireValue input, string name, string path) =>
        input[name] is { } value ? Read(value, path + name, v => v.AsString()) : null;

    public static double? Double(WireValue input, string name, string path) =>
        input[name] is { } value ? Read(value, path + name, v => v.AsDouble()) : null;

    public static int? Int(WireValue input, string name, string path) =>
        input[name] is { } value ? Read(value, path + name, v => v.AsInt32()) : null;

    public static bool? Bool(WireValue input, string name, string path) =>
        input[name] is { } value ? Read(value, path + name, v => v.AsBoolean()) : null;

    public static DateTimeOffset? Timestamp(WireValue input, string name, string path) =>
        input[name] is { } value ? Read(value, path + name, v => v.AsTimestamp()) : null;

    public static DateTimeOffset RequiredTimestamp(WireValue input, string name, string path) =>
        Timestamp(input, name, path) ?? throw MetricsErrors.MissingParameter(path + name);

    /// <summary>A list member; each item is read by <paramref name="item"/> with its <c>Name.member.N</c> path.</summary>
    public static IReadOnlyList<T>? List<T>(WireValue input, string name, string path, Func<WireValue, string, T> item)
    {
        var list = input[name] is { } value ? Read(value, path + name, v => v.AsList()) : null;
        return list?.Select((v, i) => item(v, $"{path}{name}.member.{i + 1}")).ToList();
    }

    public static IReadOnlyList<string> Strings(WireValue input, string name, string path) =>
        List(input, name, path, (v, p) => Read(v, p, x => x.AsString())) ?? [];

    public static IReadOnlyList<double>? Doubles(WireValue input, string name, string path) =>
        List(input, name, path, (v, p) => Read(v, p, x => x.AsDouble()));

    public static IReadOnlyList<Dimension> Dimensions(WireValue input, string path) =>
        List(input, "Dimensions", path, (v, p) => new Dimension(
            String(Struct(v, p), "Name", p + ".") ?? throw MetricsErrors.MissingParameter(p + ".Name"),
            String(Struct(v, p), "Value", p + ".") ?? throw MetricsErrors.MissingParameter(p + ".Value"))) ?? [];

    public static MetricIdentity Metric(WireValue input, string path) => new(
        String(input, "Namespace", path) ?? throw MetricsErrors.MissingParameter(path + "Namespace"),
        String(input, "MetricName", path) ?? throw MetricsErrors.MissingParameter(path + "MetricName"),
        Dimensions(input, path));

    /// <summary>A nested structure (a map on the wire); anything else is a type error.</summary>
    public static WireValue Struct(WireValue value, string path) =>
        value.Kind == WireKind.Map ? value : throw MetricsErrors.InvalidValue(path, Describe(value));

    private static T Read<T>(WireValue value, string path, Func<WireValue, T> read)
    {
        try
        {
            return read(value);
        }
        catch (Exception exception) when (exception is WireFormatException or FormatException)
        {
            throw MetricsErrors.InvalidValue(path, Describe(value));
        }
    }

    private static string Describe(WireValue value) => value.Kind is WireKind.String or WireKind.Number or WireKind.Boolean ? value.AsString() : value.Kind.ToString();
}

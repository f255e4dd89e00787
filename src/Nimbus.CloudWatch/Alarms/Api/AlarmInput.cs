using Nimbus.CloudWatch.Metrics.Api;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Protocol.Documents;

namespace Nimbus.CloudWatch.Alarms.Api;

/// <summary>Request members several alarm operations share.</summary>
internal static class AlarmInput
{
    public static IReadOnlyList<KeyValuePair<string, string>> Tags(WireValue input) =>
        Input.List(input, "Tags", "", (v, path) =>
        {
            var tag = Input.Struct(v, path);
            return KeyValuePair.Create(
                Input.String(tag, "Key", path + ".") ?? throw MetricsErrors.MissingParameter(path + ".Key"),
                Input.String(tag, "Value", path + ".") ?? throw MetricsErrors.MissingParameter(path + ".Value"));
        }) ?? [];
}

using System.Globalization;
using System.Text;

namespace Nimbus.CloudWatch.Prometheus;

/// <summary>
/// Prometheus' text exposition format 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/):
/// <c># HELP</c> and <c># TYPE</c> once per family, then <c>name{label="value"} number</c> lines; label values
/// escape <c>\</c>, <c>"</c> and newlines.
/// </summary>
internal sealed class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    public void Family(string name, string type, string help) =>
        _text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    public void Sample(string name, double value, params (string Name, string Value)[] labels)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                _text.Append(i == 0 ? "" : ",").Append(labels[i].Name).Append("=\"");
                Escape(labels[i].Value);
                _text.Append('"');
            }
            _text.Append('}');
        }
        _text.Append(' ').Append(Number(value)).Append('\n');
    }

    /// <summary>A histogram's <c>_bucket</c> lines (with <c>le</c>, ending at <c>+Inf</c>), <c>_sum</c> and <c>_count</c>.</summary>
    public void Histogram(string name, Histogram histogram, params (string Name, string Value)[] labels)
    {
        var (cumulative, count, sum) = histogram.Snapshot();
        for (var i = 0; i < cumulative.Length; i++)
        {
            Sample(name + "_bucket", cumulative[i], [.. labels, ("le", Number(histogram.Bounds[i]))]);
        }
        Sample(name + "_bucket", count, [.. labels, ("le", "+Inf")]);
        Sample(name + "_sum", sum, labels);
        Sample(name + "_count", count, labels);
    }

    public override string ToString() => _text.ToString();

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private void Escape(string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => _text.Append("\\\\"),
                '"' => _text.Append("\\\""),
                '\n' => _text.Append("\\n"),
                _ => _text.Append(c),
            };
        }
    }
}

namespace Nimbus.CloudWatch.Logs.Insights.Language;

/// <summary>
/// The functions Nimbus implements, with how many arguments each takes
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html).
/// Names are case-sensitive lower case, as AWS spells them.
/// </summary>
internal static class FunctionCatalog
{
    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> Aggregates = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["count"] = (0, 1),
        ["count_distinct"] = (1, 1),
        ["sum"] = (1, 1),
        ["avg"] = (1, 1),
        ["min"] = (1, 1),
        ["max"] = (1, 1),
        ["stddev"] = (1, 1),
        ["pct"] = (2, 2),
        ["percentile"] = (2, 2),
        ["earliest"] = (1, 1),
        ["latest"] = (1, 1),
    };

    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> Scalars = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["ispresent"] = (1, 1),
        ["isempty"] = (1, 1),
        ["isblank"] = (1, 1),
        ["coalesce"] = (1, 100),
        ["strcontains"] = (2, 2),
        ["strlen"] = (1, 1),
        ["toupper"] = (1, 1),
        ["tolower"] = (1, 1),
        ["trim"] = (1, 1),
        ["ltrim"] = (1, 1),
        ["rtrim"] = (1, 1),
        ["concat"] = (1, 100),
        ["substr"] = (2, 3),
        ["replace"] = (3, 3),
        ["abs"] = (1, 1),
        ["ceil"] = (1, 1),
        ["floor"] = (1, 1),
        ["sqrt"] = (1, 1),
        ["log"] = (1, 1),
        ["greatest"] = (1, 100),
        ["least"] = (1, 100),
        ["bin"] = (1, 1),
        ["datefloor"] = (2, 2),
        ["dateceil"] = (2, 2),
        ["fromMillis"] = (1, 1),
        ["toMillis"] = (1, 1),
        ["tonumber"] = (1, 1),
        ["tostring"] = (1, 1),
    };
}

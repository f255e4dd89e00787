namespace Nimbus.CloudWatch.Alarms.Model;

/// <summary>CloudWatch's alarm states, missing-data treatments and comparison operators.</summary>
public static class AlarmStates
{
    public const string Ok = "OK";
    public const string Alarm = "ALARM";
    public const string InsufficientData = "INSUFFICIENT_DATA";

    public static readonly IReadOnlyList<string> All = [Ok, Alarm, InsufficientData];

    public const string Missing = "missing";
    public const string NotBreaching = "notBreaching";
    public const string Breaching = "breaching";
    public const string Ignore = "ignore";

    public static readonly IReadOnlyList<string> MissingDataTreatments = [Missing, NotBreaching, Breaching, Ignore];

    /// <summary>The static-threshold operators and the words CloudWatch's state reasons use for them.</summary>
    public static readonly IReadOnlyDictionary<string, string> ThresholdOperators = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GreaterThanOrEqualToThreshold"] = "greater than or equal to",
        ["GreaterThanThreshold"] = "greater than",
        ["LessThanThreshold"] = "less than",
        ["LessThanOrEqualToThreshold"] = "less than or equal to",
    };

    /// <summary>The anomaly-detection band operators: valid in the model, but Nimbus has no anomaly detection.</summary>
    public static readonly IReadOnlySet<string> BandOperators = new HashSet<string>(StringComparer.Ordinal)
    {
        "LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold",
    };

    public static bool Breaches(string comparisonOperator, double value, double threshold) => comparisonOperator switch
    {
        "GreaterThanOrEqualToThreshold" => value >= threshold,
        "GreaterThanThreshold" => value > threshold,
        "LessThanThreshold" => value < threshold,
        "LessThanOrEqualToThreshold" => value <= threshold,
        _ => false,
    };
}

namespace Nimbus.CloudWatch.Metrics.Model;

public enum StatisticKind
{
    SampleCount,
    Average,
    Sum,
    Minimum,
    Maximum,
    Percentile,
}

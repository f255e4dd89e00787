namespace Nimbus.CloudWatch.Metrics.Service;

public sealed record StatisticSetInput(double SampleCount, double Sum, double Minimum, double Maximum);

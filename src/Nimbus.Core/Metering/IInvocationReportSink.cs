namespace Nimbus.Core.Metering;

/// <summary>
/// Receives every <see cref="FunctionInvocationReport"/> Lambda publishes. Register any number (metrics, billing);
/// <see cref="Publish"/> runs on the invoke path, so implementations queue and return.
/// </summary>
public interface IInvocationReportSink
{
    void Publish(FunctionInvocationReport report);
}

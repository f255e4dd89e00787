using System.Collections.Concurrent;
using Nimbus.Core.Metering;

namespace Nimbus.Lambda.Tests.Infrastructure;

/// <summary>An <see cref="IInvocationReportSink"/> that keeps what it is given, as CloudWatch metrics or billing would.</summary>
internal sealed class RecordingSink : IInvocationReportSink
{
    public ConcurrentQueue<FunctionInvocationReport> Reports { get; } = new();

    public void Publish(FunctionInvocationReport report) => Reports.Enqueue(report);
}

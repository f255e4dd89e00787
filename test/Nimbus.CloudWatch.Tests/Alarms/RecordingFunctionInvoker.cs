using System.Collections.Concurrent;
using System.Text.Json;
using Nimbus.Core;
using Nimbus.Core.Invocation;

namespace Nimbus.CloudWatch.Tests.Alarms;

/// <summary>
/// Stands in for Lambda behind the <see cref="IFunctionInvoker"/> seam: accepts asynchronous invocations as Lambda
/// does (202) and keeps them, so tests can read the alarm events CloudWatch sent. The end-to-end test runs a real function.
/// </summary>
public sealed class RecordingFunctionInvoker : IFunctionInvoker
{
    private readonly ConcurrentQueue<(AwsScope Scope, FunctionInvocation Invocation)> _invocations = new();

    public IReadOnlyList<(AwsScope Scope, FunctionInvocation Invocation)> Invocations => _invocations.ToArray();

    /// <summary>The events sent to <paramref name="function"/>, parsed.</summary>
    public IReadOnlyList<JsonElement> EventsFor(string function) => _invocations
        .Where(i => i.Invocation.FunctionName == function)
        .Select(i => JsonDocument.Parse(i.Invocation.Payload).RootElement.Clone())
        .ToList();

    public Task<FunctionInvocationResult> InvokeAsync(AwsScope scope, FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        _invocations.Enqueue((scope, invocation));
        return Task.FromResult(new FunctionInvocationResult(202, ReadOnlyMemory<byte>.Empty));
    }
}

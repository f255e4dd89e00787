using System.Collections.Concurrent;
using System.Text;
using Nimbus.Core;
using Nimbus.Core.Invocation;

namespace Nimbus.EventBridge.Tests.Infrastructure;

/// <summary>
/// Stands in for Lambda behind the <see cref="IFunctionInvoker"/> seam in the scheduler tests: records what it is
/// asked to invoke, and can refuse calls the way Lambda does (throttle, missing function).
/// </summary>
internal sealed class RecordingInvoker : IFunctionInvoker
{
    public ConcurrentQueue<(string Function, string Payload, InvocationKind Kind)> Calls { get; } = new();

    /// <summary>Set to make the next calls fail with this error.</summary>
    public Func<string, AwsServiceException?> Fail { get; set; } = _ => null;

    public Task<FunctionInvocationResult> InvokeAsync(AwsScope scope, FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        if (Fail(invocation.FunctionName) is { } error)
        {
            throw error;
        }
        Calls.Enqueue((invocation.FunctionName, Encoding.UTF8.GetString(invocation.Payload.Span), invocation.Kind));
        return Task.FromResult(new FunctionInvocationResult(202, ReadOnlyMemory<byte>.Empty));
    }
}

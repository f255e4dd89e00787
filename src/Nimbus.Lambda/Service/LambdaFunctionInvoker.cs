using Nimbus.Core;
using Nimbus.Core.Invocation;

namespace Nimbus.Lambda.Service;

/// <summary>The <see cref="IFunctionInvoker"/> seam for other services (S3 notifications, schedules, API Gateway).</summary>
internal sealed class LambdaFunctionInvoker : IFunctionInvoker
{
    private readonly InvokeService _invoke;

    public LambdaFunctionInvoker(InvokeService invoke) => _invoke = invoke;

    public async Task<FunctionInvocationResult> InvokeAsync(AwsScope scope, FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        var result = await _invoke.InvokeAsync(
            new InvokeCommand(scope, invocation.FunctionName, invocation.Qualifier, invocation.Payload, invocation.Kind)
            {
                TraceHeader = invocation.TraceHeader,
            }, cancellationToken);
        return new FunctionInvocationResult(result.StatusCode, result.Payload)
        {
            FunctionError = result.FunctionError,
            ExecutedVersion = result.ExecutedVersion,
        };
    }
}

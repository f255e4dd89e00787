using Nimbus.Core.Invocation;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary>The deprecated <c>POST /2014-11-13/functions/{FunctionName}/invoke-async/</c>: queues an event, 202 <c>{"Status":202}</c>.</summary>
internal static class InvokeAsyncOperation
{
    private static readonly byte[] Accepted = """{"Status":202}"""u8.ToArray();

    public static async Task HandleAsync(LambdaCall call, InvokeService invoke)
    {
        var payload = await InvokeOperation.ReadPayloadAsync(call.Request.Http.Request, call.Request.Aborted);
        InvokeOperation.ValidateJson(payload.Span);
        await invoke.InvokeAsync(new InvokeCommand(call.Scope, call.Label("FunctionName"), null, payload, InvocationKind.Event)
        {
            RequestId = call.Request.RequestId,
            TraceHeader = InvokeOperation.TraceHeaderOf(call.Request.Http.Request),
        }, call.Request.Aborted);
        var response = call.Request.Http.Response;
        response.StatusCode = 202;
        response.ContentType = "application/json";
        response.ContentLength = Accepted.Length;
        await response.Body.WriteAsync(Accepted, call.Request.Aborted);
    }
}

using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>GET /2015-03-31/functions/{FunctionName}/policy</c>: the policy document as a JSON string.</summary>
internal static class GetPolicyOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, qualifier) = FunctionNameParser.Parse(call.Label("FunctionName"), call.Query("Qualifier"));
        var (statements, revision) = call.Service.GetPolicy(call.Scope, name, qualifier);
        await call.WriteJsonAsync(200, new GetPolicyResponseDto { Policy = PolicyDocumentWriter.Document(statements), RevisionId = revision },
            LambdaJsonContext.Default.GetPolicyResponseDto);
    }
}

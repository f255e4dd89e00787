using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>DELETE /2017-03-31/tags/{Resource}?tagKeys=a&amp;tagKeys=b</c> → 204.</summary>
internal static class UntagResourceOperation
{
    public static Task HandleAsync(LambdaCall call)
    {
        var keys = call.Request.Http.Request.Query["tagKeys"];
        if (keys.Count == 0)
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(null, "tagKeys", "not be null")]);
        }
        call.Service.UntagResource(call.Scope, call.Label("Resource"), keys.Where(k => k is not null).Select(k => k!).ToList());
        return call.WriteEmptyAsync(204);
    }
}

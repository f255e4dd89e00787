using Nimbus.Core;

namespace Nimbus.Lambda.Service;

/// <summary>
/// A function's recursive loop detection setting (<c>PutFunctionRecursionConfig</c> / <c>GetFunctionRecursionConfig</c>):
/// <c>Terminate</c> by default, <c>Allow</c> to let it loop. <see cref="InvokeService"/> applies it.
/// </summary>
internal sealed partial class LambdaService
{
    private const string TerminateRecursion = "Terminate";

    public string GetFunctionRecursionConfig(AwsScope scope, string name) =>
        Get(scope, name).Snapshot.Document.RecursiveLoop ?? TerminateRecursion;

    public string PutFunctionRecursionConfig(AwsScope scope, string name, string? recursiveLoop)
    {
        if (recursiveLoop is not (InvokeService.AllowRecursion or TerminateRecursion))
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(recursiveLoop, "recursiveLoop",
                recursiveLoop is null ? "not be null" : "satisfy enum value set: [Allow, Terminate]")]);
        }
        Mutate(Get(scope, name), current => current.RecursiveLoop == recursiveLoop ? current : current with { RecursiveLoop = recursiveLoop });
        return recursiveLoop;
    }
}

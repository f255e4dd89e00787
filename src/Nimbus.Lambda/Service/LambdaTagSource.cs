using Nimbus.Core.Metering;

namespace Nimbus.Lambda.Service;

/// <summary>A function's tags for cost allocation (<see cref="IResourceTagSource"/>): usage names the function, not its region.</summary>
internal sealed class LambdaTagSource(LambdaService functions) : IResourceTagSource
{
    public string Service => "lambda";

    public IReadOnlyDictionary<string, string>? TagsOf(string accountId, string resource) =>
        functions.All.FirstOrDefault(f => f.Scope.AccountId == accountId && f.Name == resource)?.Snapshot.Document.Tags;
}

namespace Nimbus.Core.Metering;

/// <summary>
/// Where Billing reads a billed resource's current tags, to allocate cost by tag as AWS's cost allocation tags do
/// (Cost Explorer's <c>TAG</c> group-by and filter). Implemented by each service that owns tagged, billed resources
/// (Lambda: functions); Billing depends on it optionally.
/// </summary>
public interface IResourceTagSource
{
    /// <summary>The service the source answers for, as usage records name it (<c>lambda</c>).</summary>
    string Service { get; }

    /// <summary>The tags of the resource a usage record names (a function name), or null when it no longer exists.</summary>
    IReadOnlyDictionary<string, string>? TagsOf(string accountId, string resource);
}

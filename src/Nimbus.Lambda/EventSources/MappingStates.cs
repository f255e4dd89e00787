namespace Nimbus.Lambda.EventSources;

/// <summary>
/// The <c>State</c> values of an event source mapping. Changes go through a transitional state (<c>Creating</c>,
/// <c>Enabling</c>, <c>Disabling</c>, <c>Updating</c>, <c>Deleting</c>) that the poller settles, as on AWS; while one
/// is pending, Update and Delete answer <c>ResourceInUseException</c>.
/// </summary>
internal static class MappingStates
{
    public const string Creating = "Creating";
    public const string Enabling = "Enabling";
    public const string Enabled = "Enabled";
    public const string Disabling = "Disabling";
    public const string Disabled = "Disabled";
    public const string Updating = "Updating";
    public const string Deleting = "Deleting";
}

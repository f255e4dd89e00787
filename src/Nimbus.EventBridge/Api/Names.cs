using System.Text.RegularExpressions;

namespace Nimbus.EventBridge.Api;

/// <summary>The name patterns of the events model (anchored: the model's patterns must match the whole value).</summary>
internal static partial class Names
{
    [GeneratedRegex(@"^[\.\-_A-Za-z0-9]+$")]
    public static partial Regex Rule();

    [GeneratedRegex(@"^[/\.\-_A-Za-z0-9]+$")]
    public static partial Regex Bus();

    [GeneratedRegex(@"^(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/\.\-_A-Za-z0-9]+$")]
    public static partial Regex BusOrArn();

    [GeneratedRegex(@"^[\.\-_A-Za-z0-9]+$")]
    public static partial Regex TargetId();

    [GeneratedRegex(@"^[0-9a-zA-Z-_]+$")]
    public static partial Regex ScheduleName();
}

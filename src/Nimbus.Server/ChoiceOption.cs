namespace Nimbus.Server;

/// <summary>
/// A setting that names one of an enum's members (<c>--isolation auto|process</c>): anything else is refused at start,
/// naming the choices, rather than ending in an exception's stack trace — or, for a number, in a member that does not
/// exist (which <see cref="Enum.Parse{TEnum}(string, bool)"/> accepts).
/// </summary>
internal static class ChoiceOption
{
    /// <exception cref="FormatException">The value names none of the members.</exception>
    public static T Parse<T>(string? value, string option, T fallback)
        where T : struct, Enum
    {
        if (value is null)
        {
            return fallback;
        }
        var names = Enum.GetNames<T>();
        return names.FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<T>(name)
            : throw new FormatException($"{option} must be {string.Join(" or ", names.Select(n => n.ToLowerInvariant()))}, not '{value}'");
    }
}

namespace Nimbus.WebConsole;

/// <summary>
/// Who may open the console. On a loopback-bound server anyone on the machine may (as with the AWS endpoint itself);
/// bound to any other address, the console asks for <see cref="Token"/>, which the server prints at start-up.
/// </summary>
public sealed record ConsoleOptions
{
    public bool RequireToken { get; init; }

    public string Token { get; init; } = "";

    /// <summary>The credentials and place the console signs its AWS requests with.</summary>
    public required ConsoleSession Session { get; init; }
}

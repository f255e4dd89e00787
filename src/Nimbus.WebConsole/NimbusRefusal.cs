namespace Nimbus.WebConsole;

/// <summary>The 401 body of a <c>/_nimbus/</c> endpoint asked without the token.</summary>
internal sealed record NimbusRefusal(string Message);

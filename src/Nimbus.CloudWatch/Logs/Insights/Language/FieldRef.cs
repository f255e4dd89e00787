namespace Nimbus.CloudWatch.Logs.Insights.Language;

/// <summary>A field by name: a system field (<c>@message</c>), a discovered one (<c>@duration</c>, <c>a.b</c>) or one a command made.</summary>
internal sealed record FieldRef(string Name) : Expr;

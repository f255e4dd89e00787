namespace Nimbus.CloudWatch.Logs.Insights.Language;

/// <summary><c>parse</c> with a glob (<see cref="Positional"/>: the n-th <c>*</c> fills the n-th name) or a regex with named groups.</summary>
internal sealed record ParseCommand(Expr Source, System.Text.RegularExpressions.Regex Pattern, IReadOnlyList<string> Names, bool Positional) : QueryCommand;

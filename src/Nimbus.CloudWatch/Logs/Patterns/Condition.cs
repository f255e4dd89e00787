using System.Text.RegularExpressions;

namespace Nimbus.CloudWatch.Logs.Patterns;

/// <summary>
/// A condition tree of a JSON or space-delimited pattern: comparisons joined by <c>&amp;&amp;</c>/<c>||</c>.
/// Comparison semantics follow CloudWatch's filter pattern syntax: <c>=</c>/<c>!=</c> compare numerically when the
/// value is a number and as text (with <c>*</c> wildcards) otherwise; <c>&lt; &gt; &lt;= &gt;=</c> are numeric only;
/// <c>IS NULL</c>, <c>IS TRUE</c>, <c>IS FALSE</c> and <c>NOT EXISTS</c> test JSON members.
/// </summary>
internal abstract record Condition
{
    public abstract bool Evaluate(Func<string, FieldValue> resolve);

    public sealed record And(Condition Left, Condition Right) : Condition
    {
        public override bool Evaluate(Func<string, FieldValue> resolve) => Left.Evaluate(resolve) && Right.Evaluate(resolve);
    }

    public sealed record Or(Condition Left, Condition Right) : Condition
    {
        public override bool Evaluate(Func<string, FieldValue> resolve) => Left.Evaluate(resolve) || Right.Evaluate(resolve);
    }

    public sealed record Test(string Selector, FieldKind Kind, bool Negated) : Condition
    {
        public override bool Evaluate(Func<string, FieldValue> resolve) => (resolve(Selector).Kind == Kind) != Negated;
    }

    public sealed record Compare(string Selector, string Operator, string Value, double? Number, bool Quoted) : Condition
    {
        private readonly Regex? _glob = !Quoted || Value.Contains('*')
            ? new Regex("^" + Regex.Escape(Value).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant)
            : null;

        public override bool Evaluate(Func<string, FieldValue> resolve)
        {
            var field = resolve(Selector);
            if (field.Kind is FieldKind.Missing or FieldKind.Structure)
            {
                return false;
            }
            if (Operator is "=" or "!=")
            {
                var equal = Number is { } number && !Quoted && field.Number is { } actual
                    ? actual == number
                    : _glob?.IsMatch(field.Text) ?? string.Equals(field.Text, Value, StringComparison.Ordinal);
                return equal == (Operator == "=");
            }
            if (Number is not { } bound || field.Number is not { } value)
            {
                return false;
            }
            return Operator switch
            {
                "<" => value < bound,
                ">" => value > bound,
                "<=" => value <= bound,
                _ => value >= bound,
            };
        }
    }
}

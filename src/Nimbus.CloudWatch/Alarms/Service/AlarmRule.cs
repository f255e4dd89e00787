using System.Text;
using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.CloudWatch.Metrics.Service;

namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>
/// A composite alarm's <c>AlarmRule</c>, parsed: <c>ALARM(x)</c>, <c>OK(x)</c>, <c>INSUFFICIENT_DATA(x)</c>,
/// <c>TRUE</c>, <c>FALSE</c>, <c>NOT</c>, <c>AND</c>, <c>OR</c> (NOT binds tightest, then AND, then OR) and
/// parentheses. An alarm is named by name or ARN, bare or in double quotes (<c>\"</c> escapes a quote inside).
/// Keywords are case-insensitive. Errors are CloudWatch's <c>Error in AlarmRule [Unsupported token 'x' at char N]</c>
/// (N counted from 0) as a ValidationError.
/// </summary>
public sealed class AlarmRule
{
    private readonly Func<Func<string, string?>, bool> _evaluate;

    private AlarmRule(Func<Func<string, string?>, bool> evaluate, IReadOnlyList<string> references)
    {
        _evaluate = evaluate;
        References = references;
    }

    /// <summary>The alarms the rule names, as written (a name or an ARN), each once.</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>Whether the rule holds, given each referenced alarm's state (null when it no longer exists: every state function is false).</summary>
    public bool Evaluate(Func<string, string?> stateOf) => _evaluate(stateOf);

    public static AlarmRule Parse(string text)
    {
        var parser = new Parser(text);
        var rule = parser.Or();
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            throw parser.Unsupported();
        }
        return new AlarmRule(rule, parser.References.ToList());
    }

    /// <summary>Recursive descent over the rule text; each level returns the compiled predicate.</summary>
    private sealed class Parser(string text)
    {
        private int _at;

        public HashSet<string> References { get; } = new(StringComparer.Ordinal);

        public bool AtEnd => _at >= text.Length;

        public Func<Func<string, string?>, bool> Or()
        {
            var left = And();
            while (Keyword("OR"))
            {
                var (a, b) = (left, And());
                left = s => a(s) || b(s);
            }
            return left;
        }

        public void SkipSpace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        public Exception Unsupported()
        {
            if (AtEnd)
            {
                return MetricsErrors.Validation($"Error in AlarmRule [Unexpected end of rule at char {text.Length}]");
            }
            var end = _at;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
            {
                end++;
            }
            var token = end == _at ? text[_at].ToString() : text[_at..end];
            return MetricsErrors.Validation($"Error in AlarmRule [Unsupported token '{token}' at char {_at}]");
        }

        private Func<Func<string, string?>, bool> And()
        {
            var left = Unary();
            while (Keyword("AND"))
            {
                var (a, b) = (left, Unary());
                left = s => a(s) && b(s);
            }
            return left;
        }

        private Func<Func<string, string?>, bool> Unary()
        {
            if (Keyword("NOT"))
            {
                var inner = Unary();
                return s => !inner(s);
            }
            SkipSpace();
            if (Symbol('('))
            {
                var inner = Or();
                return Symbol(')') ? inner : throw Unsupported();
            }
            if (Keyword("TRUE"))
            {
                return _ => true;
            }
            if (Keyword("FALSE"))
            {
                return _ => false;
            }
            foreach (var state in AlarmStates.All)
            {
                if (Keyword(state))
                {
                    if (!Symbol('('))
                    {
                        throw Unsupported();
                    }
                    var name = AlarmName();
                    References.Add(name);
                    return Symbol(')') ? s => s(name) == state : throw Unsupported();
                }
            }
            throw Unsupported();
        }

        /// <summary>A quoted name (with <c>\"</c> escapes), or a bare one up to the closing parenthesis.</summary>
        private string AlarmName()
        {
            SkipSpace();
            var name = new StringBuilder();
            if (_at < text.Length && text[_at] == '"')
            {
                _at++;
                while (_at < text.Length && text[_at] != '"')
                {
                    if (text[_at] == '\\' && _at + 1 < text.Length)
                    {
                        _at++;
                    }
                    name.Append(text[_at++]);
                }
                if (AtEnd)
                {
                    throw Unsupported();
                }
                _at++;
            }
            else
            {
                while (_at < text.Length && text[_at] is not (')' or '(' or '"'))
                {
                    name.Append(text[_at++]);
                }
            }
            var result = name.ToString().Trim();
            return result.Length > 0 ? result : throw Unsupported();
        }

        private bool Symbol(char symbol)
        {
            SkipSpace();
            if (_at < text.Length && text[_at] == symbol)
            {
                _at++;
                return true;
            }
            return false;
        }

        /// <summary>A keyword not followed by more of a word (so <c>ORDERS</c> is not <c>OR</c>).</summary>
        private bool Keyword(string keyword)
        {
            SkipSpace();
            var end = _at + keyword.Length;
            if (end > text.Length || string.Compare(text, _at, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) != 0
                || (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')))
            {
                return false;
            }
            _at = end;
            return true;
        }
    }
}

using System.Text;

namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary>
/// Compiles a mapping template into a renderer: text, references (<c>$a.b.c('x')[0]</c>, <c>${…}</c>, quiet <c>$!…</c>),
/// <c>#set</c>, <c>#if/#elseif/#else/#end</c>, <c>#foreach … #end</c>, <c>#break</c>, <c>#stop</c>, comments
/// (<c>##</c>, <c>#* *#</c>) and unparsed blocks (<c>#[[ ]]#</c>). A line holding only a directive leaves no blank line
/// behind. Anything that does not parse is a <see cref="VelocityException"/>.
/// </summary>
internal sealed partial class VelocityParser
{
    private readonly string _text;
    private int _pos;
    private Func<VelocityScope, object?>? _elseIfCondition;

    private VelocityParser(string text) => _text = text;

    public static Action<VelocityScope> Parse(string template)
    {
        var parser = new VelocityParser(template);
        var body = parser.ParseBlock(out var terminator);
        return terminator is null ? body : throw parser.Error($"#{terminator} without a matching #if or #foreach");
    }

    private VelocityException Error(string message)
    {
        var line = 1 + _text.AsSpan(0, Math.Min(_pos, _text.Length)).Count('\n');
        var column = _pos - _text.LastIndexOf('\n', Math.Max(0, Math.Min(_pos, _text.Length) - 1));
        return new VelocityException($"{message} at line {line}, column {column}");
    }

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private Action<VelocityScope> ParseBlock(out string? terminator)
    {
        var parts = new List<Action<VelocityScope>>();
        var text = new StringBuilder();
        void Flush()
        {
            if (text.Length > 0)
            {
                var literal = text.ToString();
                parts.Add(s => s.Output.Append(literal));
                text.Clear();
            }
        }
        terminator = null;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\\' && Peek(1) is '$' or '#')
            {
                text.Append(Peek(1));
                _pos += 2;
                continue;
            }
            if (c == '$')
            {
                var start = _pos;
                if (TryParseReference(out var reference, out var quiet, out var root))
                {
                    Flush();
                    var literal = _text[start.._pos];
                    parts.Add(s => RenderReference(s, reference, quiet, root, literal));
                }
                else
                {
                    text.Append('$');
                    _pos++;
                }
                continue;
            }
            if (c != '#' || SkipComment(text))
            {
                if (c != '#')
                {
                    text.Append(c);
                    _pos++;
                }
                continue;
            }
            var directiveStart = _pos;
            var name = DirectiveName(out var length);
            switch (name)
            {
                case "end" or "else" or "elseif":
                    _pos += length;
                    _elseIfCondition = name == "elseif" ? ParseParenthesized() : null;
                    EndDirective(directiveStart, text);
                    Flush();
                    terminator = name;
                    return Sequence(parts);
                case "set" or "if" or "foreach" or "break" or "stop":
                    _pos += length;
                    var (directive, parsedBody) = ParseDirective(name, directiveStart, text);
                    if (!parsedBody)
                    {
                        EndDirective(directiveStart, text);
                    }
                    Flush();
                    parts.Add(directive);
                    break;
                case "macro" or "define" or "include" or "parse" or "evaluate":
                    throw Error($"#{name} is not supported in mapping templates");
                default:
                    text.Append('#');
                    _pos++;
                    break;
            }
        }
        Flush();
        return Sequence(parts);
    }

    private static Action<VelocityScope> Sequence(List<Action<VelocityScope>> parts) => parts.Count switch
    {
        0 => _ => { },
        1 => parts[0],
        _ => s =>
        {
            foreach (var part in parts)
            {
                if (s.Breaking || s.Stopped)
                {
                    return;
                }
                part(s);
            }
        },
    };

    private static void RenderReference(VelocityScope scope, Func<VelocityScope, object?> reference, bool quiet, string root, string literal)
    {
        var value = reference(scope);
        if (value is not null)
        {
            scope.Output.Append(VelocityValues.Render(value));
        }
        else if (!quiet && !scope.IsDefined(root))
        {
            // Velocity prints a reference to a variable that was never set as it was written.
            scope.Output.Append(literal);
        }
    }

    /// <summary><c>##…</c> to the end of the line, <c>#*…*#</c> and <c>#[[…]]#</c> (whose text is kept).</summary>
    private bool SkipComment(StringBuilder text)
    {
        if (Peek(1) == '#')
        {
            var end = _text.IndexOf('\n', _pos);
            _pos = end < 0 ? _text.Length : end + 1;
            return true;
        }
        if (Peek(1) == '*')
        {
            var end = _text.IndexOf("*#", _pos + 2, StringComparison.Ordinal);
            _pos = end < 0 ? throw Error("unterminated #* comment") : end + 2;
            return true;
        }
        if (Peek(1) == '[' && Peek(2) == '[')
        {
            var end = _text.IndexOf("]]#", _pos + 3, StringComparison.Ordinal);
            if (end < 0)
            {
                throw Error("unterminated #[[ block");
            }
            text.Append(_text, _pos + 3, end - _pos - 3);
            _pos = end + 3;
            return true;
        }
        return false;
    }

    /// <summary>The directive at <c>#</c> (<c>#name</c> or <c>#{name}</c>) and how many characters it takes; "" when none.</summary>
    private string DirectiveName(out int length)
    {
        var braced = Peek(1) == '{';
        var start = _pos + (braced ? 2 : 1);
        var end = start;
        while (end < _text.Length && char.IsAsciiLetter(_text[end]))
        {
            end++;
        }
        if (braced && (end >= _text.Length || _text[end] != '}'))
        {
            length = 0;
            return "";
        }
        length = end - _pos + (braced ? 1 : 0);
        return _text[start..end];
    }

    /// <summary>
    /// A directive alone on its line takes its indentation and line break with it (Velocity 2's "lines" mode, close to
    /// what 1.7 prints), so templates can be indented without filling the output with blank lines.
    /// </summary>
    private void EndDirective(int directiveStart, StringBuilder text)
    {
        var before = directiveStart;
        while (before > 0 && _text[before - 1] is ' ' or '\t')
        {
            before--;
        }
        if (before > 0 && _text[before - 1] != '\n')
        {
            return;
        }
        var after = _pos;
        while (after < _text.Length && _text[after] is ' ' or '\t')
        {
            after++;
        }
        if (after < _text.Length && _text[after] == '\r')
        {
            after++;
        }
        if (after < _text.Length && _text[after] != '\n')
        {
            return;
        }
        _pos = Math.Min(after + 1, _text.Length);
        var blanks = directiveStart - before;
        if (blanks > 0 && text.Length >= blanks)
        {
            text.Length -= blanks;
        }
    }
}

namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary>References: <c>$name</c>, <c>$!name</c>, <c>${name}</c>, then <c>.property</c>, <c>.method(args)</c> and <c>[index]</c>.</summary>
internal sealed partial class VelocityParser
{
    /// <summary>At a <c>$</c>: the compiled reference, or false (position unchanged) when no identifier follows.</summary>
    private bool TryParseReference(out Func<VelocityScope, object?> reference, out bool quiet, out string root)
    {
        var start = _pos;
        _pos++;
        quiet = Consume('!');
        var braced = Consume('{');
        if (!IsIdentifierStart(Peek()))
        {
            _pos = start;
            reference = _ => null;
            root = "";
            return false;
        }
        root = ReadIdentifier();
        var name = root;
        reference = s => s.Get(name);
        while (true)
        {
            if (Peek() == '.' && IsIdentifierStart(Peek(1)))
            {
                _pos++;
                var member = ReadIdentifier(allowDash: true);
                var target = reference;
                if (Peek() == '(')
                {
                    var arguments = ParseArguments();
                    reference = s => VelocityMembers.Invoke(target(s), member, [.. arguments.Select(argument => argument(s))]);
                }
                else
                {
                    reference = s => VelocityMembers.Get(target(s), member);
                }
            }
            else if (Peek() == '[')
            {
                _pos++;
                var index = ParseExpression();
                ExpectChar(']');
                var target = reference;
                reference = s => VelocityMembers.Index(target(s), index(s));
            }
            else
            {
                break;
            }
        }
        if (braced && !Consume('}'))
        {
            throw Error("expected } to close ${");
        }
        return true;
    }

    private List<Func<VelocityScope, object?>> ParseArguments()
    {
        _pos++;
        var arguments = new List<Func<VelocityScope, object?>>();
        if (SkipSpace() == ')')
        {
            _pos++;
            return arguments;
        }
        arguments.Add(ParseExpression());
        while (SkipSpace() == ',')
        {
            _pos++;
            arguments.Add(ParseExpression());
        }
        ExpectClose();
        return arguments;
    }

    /// <summary>
    /// An identifier; members may hold a dash between letters (Velocity 1.7 allows them, and
    /// <c>$context.responseOverride.header.Content-Type</c> needs it), roots may not, so <c>$n-1</c> stays text.
    /// </summary>
    private string ReadIdentifier(bool allowDash = false)
    {
        if (!IsIdentifierStart(Peek()))
        {
            throw Error("expected an identifier");
        }
        var start = _pos;
        while (IsIdentifierPart(Peek()) || (allowDash && Peek() == '-' && IsIdentifierPart(Peek(1))))
        {
            _pos++;
        }
        return _text[start.._pos];
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';
}

using System.Collections;
using System.Text;

namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary>The directives: <c>#set</c>, <c>#if</c>, <c>#foreach</c>, <c>#break</c>, <c>#stop</c>.</summary>
internal sealed partial class VelocityParser
{
    /// <summary>The directive after its name; <c>parsedBody</c> when it had a body (and already ended its header line).</summary>
    private (Action<VelocityScope> Directive, bool ParsedBody) ParseDirective(string name, int start, StringBuilder text)
    {
        switch (name)
        {
            case "set":
                return (ParseSet(), false);
            case "break":
                return (s => s.Breaking = true, false);
            case "stop":
                return (s => s.Stopped = true, false);
            case "if":
                var condition = ParseParenthesized();
                EndDirective(start, text);
                return (ParseIf(condition), true);
            default:
                var (variable, items) = ParseForeachHeader();
                EndDirective(start, text);
                var body = ParseBlock(out var terminator);
                return terminator == "end" ? (Foreach(variable, items, body), true) : throw Error("#foreach without #end");
        }
    }

    private Action<VelocityScope> ParseSet()
    {
        ExpectOpen();
        SkipSpace();
        if (Peek() != '$')
        {
            throw Error("#set needs a $reference on the left");
        }
        _pos++;
        var braced = Peek() == '{';
        _pos += braced ? 1 : 0;
        var path = new List<string> { ReadIdentifier() };
        while (Peek() == '.')
        {
            _pos++;
            path.Add(ReadIdentifier(allowDash: true));
        }
        if (braced && !Consume('}'))
        {
            throw Error("expected } in #set");
        }
        SkipSpace();
        if (!Consume('='))
        {
            throw Error("expected = in #set");
        }
        var value = ParseExpression();
        ExpectClose();
        var root = path[0];
        if (path.Count == 1)
        {
            // Velocity 1.7: a null right-hand side leaves the variable as it was.
            return s =>
            {
                if (value(s) is { } result)
                {
                    s.Set(root, result);
                }
            };
        }
        var members = path.Skip(1).ToArray();
        return s =>
        {
            var target = s.Get(root);
            for (var i = 0; i < members.Length - 1; i++)
            {
                target = VelocityMembers.Get(target, members[i]);
            }
            if (value(s) is { } result)
            {
                VelocityMembers.Set(target, members[^1], result);
            }
        };
    }

    private Action<VelocityScope> ParseIf(Func<VelocityScope, object?> condition)
    {
        var branches = new List<(Func<VelocityScope, object?> Condition, Action<VelocityScope> Body)>();
        var body = ParseBlock(out var terminator);
        branches.Add((condition, body));
        while (terminator == "elseif")
        {
            var next = _elseIfCondition!;
            body = ParseBlock(out terminator);
            branches.Add((next, body));
        }
        Action<VelocityScope>? otherwise = null;
        if (terminator == "else")
        {
            otherwise = ParseBlock(out terminator);
        }
        if (terminator != "end")
        {
            throw Error(terminator is null ? "#if without #end" : $"#{terminator} after #else");
        }
        return s =>
        {
            foreach (var (test, branch) in branches)
            {
                if (VelocityValues.IsTrue(test(s)))
                {
                    branch(s);
                    return;
                }
            }
            otherwise?.Invoke(s);
        };
    }

    private (string Variable, Func<VelocityScope, object?> Items) ParseForeachHeader()
    {
        ExpectOpen();
        SkipSpace();
        if (!Consume('$'))
        {
            throw Error("#foreach needs a $variable");
        }
        var braced = Consume('{');
        var variable = ReadIdentifier();
        if (braced && !Consume('}'))
        {
            throw Error("expected } in #foreach");
        }
        SkipSpace();
        if (!MatchWord("in"))
        {
            throw Error("expected 'in' in #foreach");
        }
        var items = ParseExpression();
        ExpectClose();
        return (variable, items);
    }

    private static Action<VelocityScope> Foreach(string variable, Func<VelocityScope, object?> items, Action<VelocityScope> body) => s =>
    {
        var list = items(s) switch
        {
            IDictionary<string, object?> map => map.Values.ToList(),
            IList<object?> values => values.ToList(),
            IEnumerable sequence and not string => sequence.Cast<object?>().ToList(),
            _ => null,
        };
        if (list is null)
        {
            return;
        }
        var outer = (s.IsDefined("foreach"), s.Get("foreach"), s.Get("velocityCount"));
        var state = new ForeachState { Total = list.Count };
        s.Set("foreach", state);
        for (var i = 0; i < list.Count && i < VelocityScope.MaxIterations && !s.Stopped; i++)
        {
            state.Index = i;
            s.Set(variable, list[i]);
            s.Set("velocityCount", (long)i + 1);
            body(s);
            if (s.Breaking)
            {
                s.Breaking = false;
                break;
            }
        }
        if (outer.Item1)
        {
            s.Set("foreach", outer.Item2);
            s.Set("velocityCount", outer.Item3);
        }
        else
        {
            s.Remove("foreach");
            s.Remove("velocityCount");
        }
    };

    private Func<VelocityScope, object?> ParseParenthesized()
    {
        ExpectOpen();
        var expression = ParseExpression();
        ExpectClose();
        return expression;
    }

    private void ExpectOpen()
    {
        SkipSpace();
        if (!Consume('('))
        {
            throw Error("expected (");
        }
    }

    private void ExpectClose()
    {
        SkipSpace();
        if (!Consume(')'))
        {
            throw Error(_pos >= _text.Length ? "unexpected end of template, expected )" : $"unexpected '{Peek()}', expected )");
        }
    }
}

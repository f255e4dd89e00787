using Nimbus.ApiGateway.Model;

namespace Nimbus.ApiGateway.Runtime;

/// <summary>A route key compiled for matching: <c>GET /items/{id}</c> → method + literal/variable/greedy segments.</summary>
internal sealed class RoutePattern
{
    private RoutePattern(ApiRoute route, string method, Segment[] segments)
    {
        Route = route;
        Method = method;
        Segments = segments;
        IsGreedy = segments.Length > 0 && segments[^1].Kind == SegmentKind.Greedy;
    }

    public ApiRoute Route { get; }
    public string Method { get; }
    public Segment[] Segments { get; }
    public bool IsGreedy { get; }

    public static RoutePattern? Compile(ApiRoute route)
    {
        var key = route.RouteKey ?? "";
        var space = key.IndexOf(' ');
        if (space <= 0)
        {
            return null;
        }
        var segments = key[(space + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s =>
            s.StartsWith('{') && s.EndsWith("+}", StringComparison.Ordinal) ? new Segment(SegmentKind.Greedy, s[1..^2])
            : s.StartsWith('{') && s.EndsWith('}') ? new Segment(SegmentKind.Variable, s[1..^1])
            : new Segment(SegmentKind.Literal, s)).ToArray();
        return new RoutePattern(route, key[..space], segments);
    }

    /// <summary>Matches decoded path segments; fills the path parameters (a greedy one takes the rest, joined by '/').</summary>
    public bool TryMatch(string method, string[] path, Dictionary<string, string> parameters)
    {
        if (Method != "ANY" && Method != method)
        {
            return false;
        }
        var fixedCount = IsGreedy ? Segments.Length - 1 : Segments.Length;
        if (IsGreedy ? path.Length <= fixedCount : path.Length != fixedCount)
        {
            return false;
        }
        for (var i = 0; i < fixedCount; i++)
        {
            var segment = Segments[i];
            if (segment.Kind == SegmentKind.Literal && segment.Text != path[i])
            {
                return false;
            }
        }
        for (var i = 0; i < fixedCount; i++)
        {
            if (Segments[i].Kind == SegmentKind.Variable)
            {
                parameters[Segments[i].Text] = path[i];
            }
        }
        if (IsGreedy)
        {
            parameters[Segments[^1].Text] = string.Join('/', path[fixedCount..]);
        }
        return true;
    }

    /// <summary>
    /// AWS's precedence: exact paths before greedy ones; among greedy routes the longer prefix; at the first
    /// differing segment a literal before a variable; then a named method before <c>ANY</c>.
    /// </summary>
    public static int Compare(RoutePattern a, RoutePattern b)
    {
        if (a.IsGreedy != b.IsGreedy)
        {
            return a.IsGreedy ? 1 : -1;
        }
        if (a.IsGreedy && a.Segments.Length != b.Segments.Length)
        {
            return b.Segments.Length.CompareTo(a.Segments.Length);
        }
        for (var i = 0; i < Math.Min(a.Segments.Length, b.Segments.Length); i++)
        {
            var aLiteral = a.Segments[i].Kind == SegmentKind.Literal;
            var bLiteral = b.Segments[i].Kind == SegmentKind.Literal;
            if (aLiteral != bLiteral)
            {
                return aLiteral ? -1 : 1;
            }
        }
        var aAny = a.Method == "ANY";
        return aAny == (b.Method == "ANY") ? 0 : aAny ? 1 : -1;
    }

    internal enum SegmentKind
    {
        Literal,
        Variable,
        Greedy,
    }

    internal readonly record struct Segment(SegmentKind Kind, string Text);
}

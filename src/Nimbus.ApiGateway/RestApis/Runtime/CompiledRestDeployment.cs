using Nimbus.ApiGateway.RestApis.Model;

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>
/// A deployment ready to serve: its resource tree and authorizers. A request path is matched segment by segment,
/// preferring at each level a literal child, then a <c>{param}</c> child, then a greedy <c>{proxy+}</c> (which takes
/// the rest of the path), backtracking when a branch has no resource with the method (or <c>ANY</c>).
/// </summary>
internal sealed class CompiledRestDeployment
{
    private readonly Node _root;

    public CompiledRestDeployment(RestSnapshot snapshot)
    {
        var nodes = snapshot.Resources.ToDictionary(r => r.Id!, r => new Node(r), StringComparer.Ordinal);
        Node? root = null;
        foreach (var node in nodes.Values)
        {
            if (node.Resource.ParentId is null)
            {
                root = node;
            }
            else if (nodes.TryGetValue(node.Resource.ParentId, out var parent))
            {
                parent.Add(node);
            }
        }
        _root = root ?? new Node(new RestResource { Id = "", Path = "/" });
        Authorizers = snapshot.Authorizers.Where(a => a.Id is not null).ToDictionary(a => a.Id!, StringComparer.Ordinal);
    }

    public Dictionary<string, RestAuthorizer> Authorizers { get; }

    /// <summary>The resource and method for a request, with its decoded path parameters; null when nothing matches.</summary>
    public (RestResource Resource, RestMethod Method)? Match(string method, string stagePath, Dictionary<string, string> parameters)
    {
        var segments = stagePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return Walk(_root, segments, 0, method, parameters);
    }

    private static (RestResource, RestMethod)? Walk(Node node, string[] segments, int index, string method, Dictionary<string, string> parameters)
    {
        if (index == segments.Length)
        {
            return MethodOf(node, method) is { } found ? (node.Resource, found) : null;
        }
        var segment = Uri.UnescapeDataString(segments[index]);
        if (node.Literals.TryGetValue(segment, out var literal) && Walk(literal, segments, index + 1, method, parameters) is { } exact)
        {
            return exact;
        }
        if (node.Variable is { } variable)
        {
            parameters[variable.Name!] = segment;
            if (Walk(variable, segments, index + 1, method, parameters) is { } matched)
            {
                return matched;
            }
            parameters.Remove(variable.Name!);
        }
        if (node.Greedy is { } greedy && MethodOf(greedy, method) is { } greedyMethod)
        {
            parameters[greedy.Name!] = string.Join('/', segments[index..].Select(Uri.UnescapeDataString));
            return (greedy.Resource, greedyMethod);
        }
        return null;
    }

    private static RestMethod? MethodOf(Node node, string method) =>
        node.Resource.ResourceMethods?.GetValueOrDefault(method) ?? node.Resource.ResourceMethods?.GetValueOrDefault("ANY");

    private sealed class Node(RestResource resource)
    {
        public RestResource Resource { get; } = resource;

        /// <summary>The variable's name for <c>{name}</c> and <c>{name+}</c> resources.</summary>
        public string? Name { get; } = resource.PathPart is { } part && part.StartsWith('{') ? part.Trim('{', '}').TrimEnd('+') : null;

        public Dictionary<string, Node> Literals { get; } = new(StringComparer.Ordinal);

        public Node? Variable { get; private set; }

        public Node? Greedy { get; private set; }

        public void Add(Node child)
        {
            var part = child.Resource.PathPart!;
            if (part.EndsWith("+}", StringComparison.Ordinal))
            {
                Greedy = child;
            }
            else if (part.StartsWith('{'))
            {
                Variable = child;
            }
            else
            {
                Literals[part] = child;
            }
        }
    }
}

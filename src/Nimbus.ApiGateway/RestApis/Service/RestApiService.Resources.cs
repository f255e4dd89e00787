using System.Text.RegularExpressions;
using Nimbus.ApiGateway.RestApis.Model;
using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Service;

internal sealed partial class RestApiService
{
    /// <summary>A literal segment, or one <c>{name}</c> / <c>{name+}</c> path variable.</summary>
    private static readonly Regex PathPart = new(@"^(\{[a-zA-Z0-9._-]+\+?\}|[a-zA-Z0-9._:@!$&'()*,;=~-]+)$", RegexOptions.CultureInvariant);

    public IReadOnlyList<RestResource> GetResources(AwsScope scope, string apiId) =>
        [.. Find(scope, apiId).Resources.Values.OrderBy(r => r.Path, StringComparer.Ordinal)];

    public RestResource GetResource(AwsScope scope, string apiId, string resourceId) =>
        Find(scope, apiId).Resources.GetValueOrDefault(resourceId) ?? throw RestErrors.ResourceNotFound();

    public RestResource CreateResource(AwsScope scope, string apiId, string parentId, string? pathPart)
    {
        if (string.IsNullOrEmpty(pathPart))
        {
            throw RestErrors.Required("pathPart");
        }
        CheckPathPart(pathPart);
        return Mutate(scope, apiId, doc =>
        {
            var parent = doc.Resources.GetValueOrDefault(parentId) ?? throw RestErrors.NotFound("Invalid Resource identifier specified");
            CheckSiblings(doc, parent, pathPart, except: null);
            var resource = new RestResource { Id = RestIds.New(6), ParentId = parent.Id, PathPart = pathPart, Path = Join(parent.Path!, pathPart) };
            doc.Resources[resource.Id] = resource;
            return resource;
        });
    }

    public RestResource UpdateResource(AwsScope scope, string apiId, string resourceId, List<PatchOperation>? operations) =>
        Mutate(scope, apiId, doc =>
        {
            var resource = doc.Resources.GetValueOrDefault(resourceId) ?? throw RestErrors.ResourceNotFound();
            Patches.Apply(operations, (op, path) =>
            {
                Patches.RequireSet(op);
                if (resource.ParentId is null)
                {
                    throw RestErrors.BadRequest("The root resource cannot be updated");
                }
                switch (path)
                {
                    case ["pathPart"]:
                        CheckPathPart(Patches.Text(op));
                        CheckSiblings(doc, doc.Resources[resource.ParentId], op.Value!, except: resource.Id);
                        resource.PathPart = op.Value;
                        break;
                    case ["parentId"]:
                        var parent = doc.Resources.GetValueOrDefault(Patches.Text(op)) ?? throw RestErrors.NotFound("Invalid Resource identifier specified");
                        if (Descendants(doc, resource.Id!).Contains(parent.Id!) || parent.Id == resource.Id)
                        {
                            throw RestErrors.BadRequest("A resource cannot be moved below itself");
                        }
                        CheckSiblings(doc, parent, resource.PathPart!, except: resource.Id);
                        resource.ParentId = parent.Id;
                        break;
                    default:
                        throw Patches.InvalidPath(op);
                }
            });
            Repath(doc, resource);
            return resource;
        });

    public void DeleteResource(AwsScope scope, string apiId, string resourceId) =>
        Mutate(scope, apiId, doc =>
        {
            var resource = doc.Resources.GetValueOrDefault(resourceId) ?? throw RestErrors.ResourceNotFound();
            if (resource.ParentId is null)
            {
                throw RestErrors.BadRequest("Cannot delete the root resource");
            }
            foreach (var id in Descendants(doc, resourceId).Append(resourceId))
            {
                doc.Resources.Remove(id);
            }
            return 0;
        });

    private static void CheckPathPart(string pathPart)
    {
        if (!PathPart.IsMatch(pathPart))
        {
            throw RestErrors.BadRequest(
                "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.");
        }
    }

    /// <summary>AWS's rules: unique names under a parent, at most one variable child, nothing below a greedy <c>{proxy+}</c>.</summary>
    private static void CheckSiblings(RestApiDocument doc, RestResource parent, string pathPart, string? except)
    {
        if (parent.PathPart is { } parentPart && parentPart.EndsWith("+}", StringComparison.Ordinal))
        {
            throw RestErrors.BadRequest($"Cannot create a child of a resource with a greedy path variable: {parentPart}");
        }
        foreach (var sibling in doc.Resources.Values.Where(r => r.ParentId == parent.Id && r.Id != except))
        {
            if (sibling.PathPart == pathPart)
            {
                throw RestErrors.Conflict($"Another resource with the same parent already has this name: {pathPart}");
            }
            if (pathPart.StartsWith('{') && sibling.PathPart!.StartsWith('{'))
            {
                throw RestErrors.BadRequest($"A sibling ({sibling.PathPart}) of this resource already has a variable path part -- only one is allowed");
            }
        }
    }

    private static string Join(string parentPath, string pathPart) => parentPath == "/" ? "/" + pathPart : parentPath + "/" + pathPart;

    private static List<string> Descendants(RestApiDocument doc, string resourceId)
    {
        var result = new List<string>();
        var pending = new Queue<string>([resourceId]);
        while (pending.TryDequeue(out var id))
        {
            foreach (var child in doc.Resources.Values.Where(r => r.ParentId == id))
            {
                result.Add(child.Id!);
                pending.Enqueue(child.Id!);
            }
        }
        return result;
    }

    /// <summary>Recomputes the path of a moved or renamed resource and of everything below it.</summary>
    private static void Repath(RestApiDocument doc, RestResource resource)
    {
        resource.Path = Join(doc.Resources[resource.ParentId!].Path!, resource.PathPart!);
        foreach (var child in doc.Resources.Values.Where(r => r.ParentId == resource.Id))
        {
            Repath(doc, child);
        }
    }
}

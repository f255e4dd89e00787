using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Nimbus.Lambda.EventSources;
using Nimbus.Lambda.Service;
using Nimbus.Protocol;
using Nimbus.Protocol.Rest;

namespace Nimbus.Lambda.Api;

/// <summary>
/// The Lambda API on the edge endpoint (rest-json). Invoke is matched first by a direct path check, without the
/// route table; everything else goes through the model's request URIs.
/// </summary>
internal sealed class LambdaApiHandler : IAwsServiceHandler
{
    private const string InvokePrefix = "/2015-03-31/functions/";
    private const string InvokeSuffix = "/invocations";

    private readonly LambdaService _service;
    private readonly InvokeService _invoke;
    private readonly RestRouteTable<Route> _routes = new();

    public LambdaApiHandler(LambdaService service, InvokeService invoke, EventSourceMappingService mappings)
    {
        _service = service;
        _invoke = invoke;
        Add("POST", "/2015-03-31/functions", "CreateFunction", CreateFunctionOperation.HandleAsync);
        Add("GET", "/2015-03-31/functions", "ListFunctions", ListFunctionsOperation.HandleAsync);
        Add("GET", "/2015-03-31/functions/{FunctionName}", "GetFunction", GetFunctionOperation.HandleAsync);
        Add("DELETE", "/2015-03-31/functions/{FunctionName}", "DeleteFunction", DeleteFunctionOperation.HandleAsync);
        Add("GET", "/2015-03-31/functions/{FunctionName}/configuration", "GetFunctionConfiguration", GetFunctionConfigurationOperation.HandleAsync);
        Add("PUT", "/2015-03-31/functions/{FunctionName}/configuration", "UpdateFunctionConfiguration", UpdateFunctionConfigurationOperation.HandleAsync);
        Add("PUT", "/2015-03-31/functions/{FunctionName}/code", "UpdateFunctionCode", UpdateFunctionCodeOperation.HandleAsync);
        Add("POST", "/2015-03-31/functions/{FunctionName}/versions", "PublishVersion", PublishVersionOperation.HandleAsync);
        Add("GET", "/2015-03-31/functions/{FunctionName}/versions", "ListVersionsByFunction", ListVersionsByFunctionOperation.HandleAsync);
        Add("POST", "/2015-03-31/functions/{FunctionName}/aliases", "CreateAlias", CreateAliasOperation.HandleAsync);
        Add("GET", "/2015-03-31/functions/{FunctionName}/aliases", "ListAliases", ListAliasesOperation.HandleAsync);
        Add("GET", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", "GetAlias", GetAliasOperation.HandleAsync);
        Add("PUT", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", "UpdateAlias", UpdateAliasOperation.HandleAsync);
        Add("DELETE", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", "DeleteAlias", DeleteAliasOperation.HandleAsync);
        Add("POST", "/2015-03-31/functions/{FunctionName}/policy", "AddPermission", AddPermissionOperation.HandleAsync);
        Add("GET", "/2015-03-31/functions/{FunctionName}/policy", "GetPolicy", GetPolicyOperation.HandleAsync);
        Add("DELETE", "/2015-03-31/functions/{FunctionName}/policy/{StatementId}", "RemovePermission", RemovePermissionOperation.HandleAsync);
        Add("PUT", "/2017-10-31/functions/{FunctionName}/concurrency", "PutFunctionConcurrency", PutFunctionConcurrencyOperation.HandleAsync);
        Add("DELETE", "/2017-10-31/functions/{FunctionName}/concurrency", "DeleteFunctionConcurrency", DeleteFunctionConcurrencyOperation.HandleAsync);
        Add("GET", "/2019-09-30/functions/{FunctionName}/concurrency", "GetFunctionConcurrency", GetFunctionConcurrencyOperation.HandleAsync);
        Add("PUT", "/2024-08-31/functions/{FunctionName}/recursion-config", "PutFunctionRecursionConfig", PutFunctionRecursionConfigOperation.HandleAsync);
        Add("GET", "/2024-08-31/functions/{FunctionName}/recursion-config", "GetFunctionRecursionConfig", GetFunctionRecursionConfigOperation.HandleAsync);
        Add("GET", "/2016-08-19/account-settings", "GetAccountSettings", GetAccountSettingsOperation.HandleAsync);
        Add("POST", "/2017-03-31/tags/{Resource}", "TagResource", TagResourceOperation.HandleAsync);
        Add("DELETE", "/2017-03-31/tags/{Resource}", "UntagResource", UntagResourceOperation.HandleAsync);
        Add("GET", "/2017-03-31/tags/{Resource}", "ListTags", ListTagsOperation.HandleAsync);
        Add("PUT", "/2019-09-25/functions/{FunctionName}/event-invoke-config", "PutFunctionEventInvokeConfig", PutFunctionEventInvokeConfigOperation.HandleAsync);
        Add("POST", "/2019-09-25/functions/{FunctionName}/event-invoke-config", "UpdateFunctionEventInvokeConfig", UpdateFunctionEventInvokeConfigOperation.HandleAsync);
        Add("GET", "/2019-09-25/functions/{FunctionName}/event-invoke-config", "GetFunctionEventInvokeConfig", GetFunctionEventInvokeConfigOperation.HandleAsync);
        Add("DELETE", "/2019-09-25/functions/{FunctionName}/event-invoke-config", "DeleteFunctionEventInvokeConfig", DeleteFunctionEventInvokeConfigOperation.HandleAsync);
        Add("GET", "/2019-09-25/functions/{FunctionName}/event-invoke-config/list", "ListFunctionEventInvokeConfigs", ListFunctionEventInvokeConfigsOperation.HandleAsync);
        Add("POST", "/2014-11-13/functions/{FunctionName}/invoke-async", "InvokeAsync", call => InvokeAsyncOperation.HandleAsync(call, _invoke));
        Add("POST", "/2015-03-31/event-source-mappings", "CreateEventSourceMapping", call => CreateEventSourceMappingOperation.HandleAsync(call, mappings));
        Add("GET", "/2015-03-31/event-source-mappings", "ListEventSourceMappings", call => ListEventSourceMappingsOperation.HandleAsync(call, mappings));
        Add("GET", "/2015-03-31/event-source-mappings/{UUID}", "GetEventSourceMapping", call => GetEventSourceMappingOperation.HandleAsync(call, mappings));
        Add("PUT", "/2015-03-31/event-source-mappings/{UUID}", "UpdateEventSourceMapping", call => UpdateEventSourceMappingOperation.HandleAsync(call, mappings));
        Add("DELETE", "/2015-03-31/event-source-mappings/{UUID}", "DeleteEventSourceMapping", call => DeleteEventSourceMappingOperation.HandleAsync(call, mappings));
        Add("GET", GetCodeOperation.PathPrefix + "{File}", "GetCode", GetCodeOperation.HandleAsync);
        // Some operations share a path and differ by a query member (GET /2018-10-31/layers?find=LayerVersion):
        // one route per path, naming the operation the query selects.
        foreach (var group in NotImplementedOperations.All.GroupBy(o => (o.Method, Path: o.Template.Split('?')[0])))
        {
            var variants = group.ToList();
            Add(group.Key.Method, group.Key.Path, variants[0].Operation, call => throw LambdaErrors.NotImplemented(SelectVariant(call, variants)));
        }
    }

    public AwsServiceDescriptor Descriptor { get; } = new("lambda", AwsProtocol.RestJson)
    {
        PathPrefixes =
        [
            "/2015-03-31/", "/2016-08-19/", "/2017-03-31/", "/2017-10-31/", "/2018-10-31/", "/2019-09-25/", "/2019-09-30/",
            "/2020-04-22/", "/2020-06-30/", "/2021-07-20/", "/2021-10-31/", "/2021-11-15/", "/2024-08-31/", "/2025-11-30/",
            "/2025-12-01/", "/2014-11-13/",
        ],
    };

    public Task HandleAsync(AwsRequestContext request)
    {
        var http = request.Http.Request;
        var path = http.Path.Value ?? "/";
        if (HttpMethods.IsPost(http.Method) && TryInvokeTarget(path, out var functionName))
        {
            return InvokeOperation.HandleAsync(request, functionName, _invoke);
        }
        var rawPath = request.Http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path;
        var route = _routes.Match(http.Method, rawPath, out var labels, out _);
        if (route is null)
        {
            // What AWS's front door answers for a path/method no operation has.
            throw LambdaErrors.Create("UnknownOperationException", 404, "Unknown operation " + http.Method + " " + path);
        }
        return route.Handler(new LambdaCall(request, labels, _service, route.Operation));
    }

    /// <summary><c>/2015-03-31/functions/{FunctionName}/invocations</c> (decoded path; a name never contains '/').</summary>
    private static bool TryInvokeTarget(string path, out string functionName)
    {
        functionName = "";
        if (!path.StartsWith(InvokePrefix, StringComparison.Ordinal))
        {
            return false;
        }
        var end = path.EndsWith('/') ? path.Length - 1 : path.Length;
        if (end - InvokePrefix.Length <= InvokeSuffix.Length || string.CompareOrdinal(path, end - InvokeSuffix.Length, InvokeSuffix, 0, InvokeSuffix.Length) != 0)
        {
            return false;
        }
        var name = path.AsSpan(InvokePrefix.Length, end - InvokeSuffix.Length - InvokePrefix.Length);
        if (name.IsEmpty || name.Contains('/'))
        {
            return false;
        }
        functionName = name.ToString();
        return true;
    }

    private static string SelectVariant(LambdaCall call, List<(string Method, string Template, string Operation)> variants)
    {
        foreach (var (_, template, operation) in variants)
        {
            var query = template.Split('?', 2);
            if (query.Length == 2 && query[1].Split('=', 2) is [var key, var value] && call.Query(key) == value)
            {
                return operation;
            }
        }
        return variants.FirstOrDefault(v => !v.Template.Contains('?')).Operation ?? variants[0].Operation;
    }

    private void Add(string method, string template, string operation, Func<LambdaCall, Task> handler) =>
        _routes.Add(method, template, new Route(operation, handler));

    private sealed record Route(string Operation, Func<LambdaCall, Task> Handler);
}

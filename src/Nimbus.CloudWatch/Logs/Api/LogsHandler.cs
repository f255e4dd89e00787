using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.CloudWatch.Logs.Insights;
using Nimbus.Core;
using Nimbus.Protocol;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>
/// CloudWatch Logs on the edge endpoint: awsJson 1.1, <c>X-Amz-Target: Logs_20140328.&lt;Operation&gt;</c>.
/// Parses the body into the operation's shape, runs the operation, writes its response. Errors are thrown as
/// <see cref="AwsServiceException"/> and written by the edge.
/// </summary>
internal sealed class LogsHandler : IAwsServiceHandler
{
    private const string TargetPrefix = "Logs_20140328";

    /// <summary>Far above PutLogEvents' 1 MB of events even when every character is JSON-escaped.</summary>
    private const int MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Reads that see Lambda's queued log lines first: the ingestion writer commits at most every few hundred
    /// milliseconds, and a caller who just invoked a function expects its lines (flushing costs nothing when none wait).
    /// </summary>
    private static readonly HashSet<string> ReadsAfterDelivery = new(StringComparer.Ordinal)
    {
        "DescribeLogGroups", "DescribeLogStreams", "GetLogEvents", "FilterLogEvents", "StartQuery", "GetLogRecord",
    };

    private readonly LogsService _service;
    private readonly InsightsService _insights;
    private readonly LogIngestion _delivery;
    private readonly Dictionary<string, Func<AwsRequestContext, byte[], Task>> _operations = new(StringComparer.Ordinal);

    public LogsHandler(LogsService service, InsightsService insights, LiveTail.LiveTailService liveTail, LogIngestion delivery)
    {
        _service = service;
        _delivery = delivery;
        _insights = insights;
        var json = LogsJsonContext.Default;
        Register("CreateLogGroup", json.CreateLogGroupRequest, json.EmptyResponse, CreateLogGroupOperation.InvokeAsync);
        Register("CreateLogStream", json.CreateLogStreamRequest, json.EmptyResponse, CreateLogStreamOperation.InvokeAsync);
        Register("DeleteLogGroup", json.DeleteLogGroupRequest, json.EmptyResponse, DeleteLogGroupOperation.InvokeAsync);
        Register("DeleteLogStream", json.DeleteLogStreamRequest, json.EmptyResponse, DeleteLogStreamOperation.InvokeAsync);
        Register("DescribeLogGroups", json.DescribeLogGroupsRequest, json.DescribeLogGroupsResponse, DescribeLogGroupsOperation.InvokeAsync);
        Register("DescribeLogStreams", json.DescribeLogStreamsRequest, json.DescribeLogStreamsResponse, DescribeLogStreamsOperation.InvokeAsync);
        Register("GetLogEvents", json.GetLogEventsRequest, json.GetLogEventsResponse, GetLogEventsOperation.InvokeAsync);
        Register("FilterLogEvents", json.FilterLogEventsRequest, json.FilterLogEventsResponse, FilterLogEventsOperation.InvokeAsync);
        Register("PutRetentionPolicy", json.PutRetentionPolicyRequest, json.EmptyResponse, PutRetentionPolicyOperation.InvokeAsync);
        Register("DeleteRetentionPolicy", json.DeleteRetentionPolicyRequest, json.EmptyResponse, DeleteRetentionPolicyOperation.InvokeAsync);
        Register("PutLogEvents", json.PutLogEventsRequest, json.PutLogEventsResponse, PutLogEventsOperation.InvokeAsync);
        Register("StartQuery", json.StartQueryRequest, json.StartQueryResponse, StartQueryOperation.InvokeAsync);
        Register("GetQueryResults", json.QueryIdRequest, json.GetQueryResultsResponse, GetQueryResultsOperation.InvokeAsync);
        Register("StopQuery", json.QueryIdRequest, json.StopQueryResponse, StopQueryOperation.InvokeAsync);
        Register("DescribeQueries", json.DescribeQueriesRequest, json.DescribeQueriesResponse, DescribeQueriesOperation.InvokeAsync);
        Register("GetLogRecord", json.GetLogRecordRequest, json.GetLogRecordResponse, GetLogRecordOperation.InvokeAsync);
        // An event-stream answer: the operation writes the response itself.
        _operations["StartLiveTail"] = (request, body) => StartLiveTailOperation.InvokeAsync(liveTail, request, Parse(body, json.StartLiveTailRequest));
    }

    public AwsServiceDescriptor Descriptor { get; } = new("logs", AwsProtocol.Json) { TargetPrefixes = [TargetPrefix] };

    public async Task HandleAsync(AwsRequestContext request)
    {
        var target = request.Http.Request.Headers["X-Amz-Target"].ToString();
        var dot = target.IndexOf('.');
        var name = dot > 0 && target.AsSpan(0, dot).SequenceEqual(TargetPrefix) ? target[(dot + 1)..] : "";
        if (!_operations.TryGetValue(name, out var operation))
        {
            throw LogsErrors.UnknownOperation(target);
        }
        var body = await ReadBodyAsync(request);
        if (ReadsAfterDelivery.Contains(name))
        {
            await _delivery.FlushAsync(request.Aborted);
        }
        await operation(request, body);
    }

    private void Register<TRequest, TResponse>(
        string name,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<LogsService, AwsScope, TRequest, CancellationToken, Task<TResponse>> invoke)
        where TRequest : class =>
        Add(name, requestType, responseType, (scope, input, cancellationToken) => invoke(_service, scope, input, cancellationToken));

    private void Register<TRequest, TResponse>(
        string name,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<InsightsService, AwsScope, TRequest, CancellationToken, Task<TResponse>> invoke)
        where TRequest : class =>
        Add(name, requestType, responseType, (scope, input, cancellationToken) => invoke(_insights, scope, input, cancellationToken));

    private void Add<TRequest, TResponse>(
        string name,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<AwsScope, TRequest, CancellationToken, Task<TResponse>> invoke)
        where TRequest : class
    {
        _operations[name] = async (request, body) =>
        {
            var input = Parse(body, requestType);
            var output = await invoke(request.Scope, input, request.Aborted);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(output, responseType);
            var response = request.Http.Response;
            response.StatusCode = 200;
            response.ContentType = "application/x-amz-json-1.1";
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes, request.Aborted);
        };
    }

    /// <summary>An empty body is an empty structure (clients send <c>{}</c>, curl users often nothing).</summary>
    private static T Parse<T>(byte[] body, JsonTypeInfo<T> type) where T : class
    {
        if (body.Length == 0)
        {
            body = "{}"u8.ToArray();
        }
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw LogsErrors.Serialization("The request body must be a JSON object.");
        }
        catch (JsonException exception)
        {
            throw LogsErrors.Serialization(SerializationMessage(exception));
        }
    }

    private static string SerializationMessage(JsonException exception) =>
        exception.Path is { Length: > 1 } path
            ? $"Could not read the request: the value at '{path[2..]}' does not have the type the service model gives it."
            : "Could not read the request: the body is not valid JSON.";

    private static async Task<byte[]> ReadBodyAsync(AwsRequestContext request)
    {
        var http = request.Http.Request;
        if (http.ContentLength > MaxBodyBytes)
        {
            throw LogsErrors.InvalidParameter($"The request body is larger than {MaxBodyBytes} bytes.");
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, request.Aborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw LogsErrors.InvalidParameter($"The request body is larger than {MaxBodyBytes} bytes.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

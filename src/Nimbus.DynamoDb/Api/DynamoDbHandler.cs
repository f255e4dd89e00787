using System.Buffers;
using System.Text.Json;
using Nimbus.Protocol;

namespace Nimbus.DynamoDb.Api;

/// <summary>
/// DynamoDB and DynamoDB Streams on the edge endpoint: awsJson 1.0, <c>X-Amz-Target: DynamoDB_20120810.&lt;Op&gt;</c>
/// or <c>DynamoDBStreams_20120810.&lt;Op&gt;</c>, both signed as <c>dynamodb</c>. Parses the body, runs the
/// operation, writes its JSON; errors are thrown as AwsServiceException and written by the edge.
/// </summary>
internal sealed class DynamoDbHandler : IAwsServiceHandler
{
    private const string TablesPrefix = "DynamoDB_20120810";
    private const string StreamsPrefix = "DynamoDBStreams_20120810";

    /// <summary>Well above the largest legal request (25 × 400 KB items in a batch, JSON-escaped).</summary>
    private const int MaxBodyBytes = 32 * 1024 * 1024;

    private readonly DynamoDbApi _api;
    private readonly Dictionary<string, Func<OperationContext, Task>> _operations = new(StringComparer.Ordinal);

    public DynamoDbHandler(DynamoDbApi api)
    {
        _api = api;
        Table("CreateTable", CreateTableOperation.HandleAsync);
        Table("DescribeTable", DescribeTableOperation.HandleAsync);
        Table("ListTables", ListTablesOperation.HandleAsync);
        Table("UpdateTable", UpdateTableOperation.HandleAsync);
        Table("DeleteTable", DeleteTableOperation.HandleAsync);
        Table("TagResource", TagResourceOperation.HandleAsync);
        Table("UntagResource", UntagResourceOperation.HandleAsync);
        Table("ListTagsOfResource", ListTagsOfResourceOperation.HandleAsync);
        Table("UpdateTimeToLive", UpdateTimeToLiveOperation.HandleAsync);
        Table("DescribeTimeToLive", DescribeTimeToLiveOperation.HandleAsync);
        Table("DescribeLimits", DescribeLimitsOperation.HandleAsync);
        Table("DescribeEndpoints", DescribeEndpointsOperation.HandleAsync);
        Table("PutItem", PutItemOperation.HandleAsync);
        Table("GetItem", GetItemOperation.HandleAsync);
        Table("UpdateItem", UpdateItemOperation.HandleAsync);
        Table("DeleteItem", DeleteItemOperation.HandleAsync);
        Table("Query", QueryOperation.HandleAsync);
        Table("Scan", ScanOperation.HandleAsync);
        Table("BatchGetItem", BatchGetItemOperation.HandleAsync);
        Table("BatchWriteItem", BatchWriteItemOperation.HandleAsync);
        Table("TransactGetItems", TransactGetItemsOperation.HandleAsync);
        Table("TransactWriteItems", TransactWriteItemsOperation.HandleAsync);
        Table("ExecuteStatement", ExecuteStatementOperation.HandleAsync);
        Table("BatchExecuteStatement", BatchExecuteStatementOperation.HandleAsync);
        Table("ExecuteTransaction", ExecuteTransactionOperation.HandleAsync);
        Table("DescribeContinuousBackups", DescribeContinuousBackupsOperation.HandleAsync);
        Table("UpdateContinuousBackups", UpdateContinuousBackupsOperation.HandleAsync);
        Table("CreateBackup", CreateBackupOperation.HandleAsync);
        Table("DescribeBackup", DescribeBackupOperation.HandleAsync);
        Table("ListBackups", ListBackupsOperation.HandleAsync);
        Table("DeleteBackup", DeleteBackupOperation.HandleAsync);
        Table("RestoreTableFromBackup", RestoreTableFromBackupOperation.HandleAsync);
        Table("DescribeContributorInsights", DescribeContributorInsightsOperation.HandleAsync);
        Table("UpdateContributorInsights", UpdateContributorInsightsOperation.HandleAsync);
        Table("ListContributorInsights", ListContributorInsightsOperation.HandleAsync);
        Table("PutResourcePolicy", PutResourcePolicyOperation.HandleAsync);
        Table("GetResourcePolicy", GetResourcePolicyOperation.HandleAsync);
        Table("DeleteResourcePolicy", DeleteResourcePolicyOperation.HandleAsync);
        foreach (var name in NotImplementedOperations.Names)
        {
            Table(name, _ => throw DynamoDbErrors.NotImplemented(name));
        }
        _operations[StreamsPrefix + ".ListStreams"] = ListStreamsOperation.HandleAsync;
        _operations[StreamsPrefix + ".DescribeStream"] = DescribeStreamOperation.HandleAsync;
        _operations[StreamsPrefix + ".GetShardIterator"] = GetShardIteratorOperation.HandleAsync;
        _operations[StreamsPrefix + ".GetRecords"] = GetRecordsOperation.HandleAsync;
    }

    public AwsServiceDescriptor Descriptor { get; } = new("dynamodb", AwsProtocol.Json) { TargetPrefixes = [TablesPrefix, StreamsPrefix], JsonVersion = "1.0" };

    private void Table(string name, Func<OperationContext, Task> operation) => _operations[TablesPrefix + "." + name] = operation;

    public async Task HandleAsync(AwsRequestContext request)
    {
        var target = request.Http.Request.Headers["X-Amz-Target"].ToString();
        if (!_operations.TryGetValue(target, out var operation))
        {
            throw DynamoDbErrors.UnknownOperation(target);
        }
        var body = await ReadBodyAsync(request);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
        }
        catch (JsonException)
        {
            throw DynamoDbErrors.Serialization("Start of structure or map found where not expected.");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw DynamoDbErrors.Serialization("Start of structure or map found where not expected.");
            }
            var buffer = new ArrayBufferWriter<byte>(1024);
            await using (var json = new Utf8JsonWriter(buffer))
            {
                await operation(new OperationContext(_api, request.Scope, document.RootElement, json));
            }
            var response = request.Http.Response;
            response.StatusCode = 200;
            response.ContentType = "application/x-amz-json-1.0";
            response.ContentLength = buffer.WrittenCount;
            await response.Body.WriteAsync(buffer.WrittenMemory, request.Aborted);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(AwsRequestContext request)
    {
        var http = request.Http.Request;
        if (http.ContentLength > MaxBodyBytes)
        {
            throw DynamoDbErrors.Validation($"Request body exceeds the maximum of {MaxBodyBytes} bytes.");
        }
        if (http.ContentLength is { } declared)
        {
            // The usual case: read straight into a buffer of the declared size, with no copy.
            var body = new byte[declared];
            var read = await http.Body.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, request.Aborted);
            return read == body.Length ? body : body[..read];
        }
        using var buffer = new MemoryStream(1024);
        await http.Body.CopyToAsync(buffer, request.Aborted);
        if (buffer.Length > MaxBodyBytes)
        {
            throw DynamoDbErrors.Validation($"Request body exceeds the maximum of {MaxBodyBytes} bytes.");
        }
        return buffer.ToArray();
    }
}

using System.Text;
using Nimbus.Core;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.PartiQl;

internal sealed partial class PartiQlService
{
    public const int MaxBatchStatements = 25;
    public const int MaxTransactionStatements = 100;

    /// <summary>
    /// BatchExecuteStatement: up to 25 statements, all reads (each naming a whole key) or all writes, run one by one;
    /// a statement's failure is reported in its response, the others still run (the batch is not atomic).
    /// </summary>
    public async Task<List<BatchStatementResponse>> BatchAsync(AwsScope scope, IReadOnlyList<PartiQlRequest> requests)
    {
        if (requests.Count is 0 or > MaxBatchStatements)
        {
            throw DynamoDbErrors.ListLength("statements", "BatchStatementRequest", requests.Count, MaxBatchStatements);
        }
        var statements = ParseAll(requests);
        var responses = new List<BatchStatementResponse>(statements.Count);
        for (var i = 0; i < statements.Count; i++)
        {
            var (statement, request) = (statements[i], requests[i]);
            try
            {
                if (statement.Kind == PartiQlKind.Exists)
                {
                    throw PartiQlErrors.ExistsOutsideTransaction();
                }
                if (statement.Kind == PartiQlKind.Select)
                {
                    var table = catalog.Get(scope, statement.TableName);
                    _ = ReadOrder(table.Key, statement);
                    var (key, condition) = KeyAndCondition(table, statement);
                    var projection = statement.Projection is { } p ? ExpressionParser.ParseProjection(p, Context(statement)) : null;
                    var whole = items.GetItem(scope, table.Name, key, null, request.ConsistentRead, false).Attributes;
                    var item = whole is not null && ConditionEvaluator.Evaluate(condition, whole)
                        ? projection is null ? whole : Projector.Project(whole, projection)
                        : null;
                    responses.Add(new BatchStatementResponse(table.Name, item));
                }
                else
                {
                    await ExecuteAsync(scope, statement, new StatementOptions { ReturnItemOnConditionFailure = request.ReturnItemOnConditionFailure });
                    responses.Add(new BatchStatementResponse(statement.TableName, null));
                }
            }
            catch (AwsServiceException error)
            {
                var code = error.ErrorCode[(error.ErrorCode.IndexOf('#') + 1)..].Replace("Exception", "", StringComparison.Ordinal);
                var item = error.JsonFields.TryGetValue("Item", out var json)
                    ? AttributeValueReader.ReadItem(System.Text.Json.JsonDocument.Parse(json).RootElement)
                    : null;
                responses.Add(new BatchStatementResponse(statement.TableName, null, code == "Validation" ? "ValidationError" : code, error.Message, item));
            }
        }
        return responses;
    }

    /// <summary>
    /// ExecuteTransaction: up to 100 statements, all reads (TransactGetItems) or all writes (TransactWriteItems, all or
    /// nothing). Returns the items read.
    /// </summary>
    public async Task<(List<IReadOnlyDictionary<string, AttributeValue>?> Items, IReadOnlyList<ConsumedCapacity> Capacity)> TransactAsync(
        AwsScope scope, IReadOnlyList<PartiQlRequest> requests, string? token)
    {
        if (requests.Count is 0 or > MaxTransactionStatements)
        {
            throw DynamoDbErrors.ListLength("transactStatements", "ParameterizedStatement", requests.Count, MaxTransactionStatements);
        }
        var statements = ParseAll(requests);
        if (statements[0].Kind == PartiQlKind.Select)
        {
            var gets = statements.Select(s =>
            {
                var table = catalog.Get(scope, s.TableName);
                _ = ReadOrder(table.Key, s);
                var (key, _) = KeyAndCondition(table, s);
                return new TransactGetItem(table.Name, key, s.Projection is { } p ? ExpressionParser.ParseProjection(p, Context(s)) : null);
            }).ToList();
            return (await transactions.TransactGetAsync(scope, gets), []);
        }
        var writes = statements.Select(s => WriteItem(scope, s)).ToList();
        var fingerprint = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\n", requests.Select(r => r.Statement + "\n" + string.Join(",", r.Parameters.Select(v => Encoding.UTF8.GetString(AttributeValueWriter.ItemToBytes(new Dictionary<string, AttributeValue> { ["v"] = v })))))))));
        var (capacity, _) = await transactions.TransactWriteAsync(scope, writes, token, fingerprint);
        return ([], capacity);
    }

    private TransactWriteItem WriteItem(AwsScope scope, PartiQlStatement statement)
    {
        var table = catalog.Get(scope, statement.TableName);
        if (statement.Kind == PartiQlKind.Insert)
        {
            return new TransactWriteItem { Kind = "Put", TableName = table.Name, ItemOrKey = statement.Item!, Condition = KeyAbsent(table), FailsAsDuplicate = true };
        }
        var (key, condition) = KeyAndCondition(table, statement);
        return new TransactWriteItem
        {
            Kind = statement.Kind switch { PartiQlKind.Update => "Update", PartiQlKind.Exists => "ConditionCheck", _ => "Delete" },
            TableName = table.Name,
            ItemOrKey = key,
            Update = statement.Kind == PartiQlKind.Update ? ExpressionParser.ParseUpdate(statement.UpdateExpression!, Context(statement)) : null,
            Condition = condition,
        };
    }

    /// <summary>Parses every statement; a batch or transaction is all reads or all writes.</summary>
    private static List<PartiQlStatement> ParseAll(IReadOnlyList<PartiQlRequest> requests)
    {
        var statements = requests.Select(r => PartiQlParser.Parse(r.Statement, r.Parameters)).ToList();
        if (statements.Select(s => s.Kind == PartiQlKind.Select).Distinct().Count() > 1)
        {
            throw DynamoDbErrors.Validation("Unsupported operation: Mixing read and write statements is not supported.");
        }
        return statements;
    }
}

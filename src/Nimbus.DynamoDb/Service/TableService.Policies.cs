using System.Globalization;
using System.Text;
using System.Text.Json;
using Nimbus.Core;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Service;

/// <summary>
/// Resource-based policies of tables and streams (PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy). Stored
/// with the table's definition and returned as given; Nimbus does not evaluate them when authorising requests.
/// </summary>
internal sealed partial class TableService
{
    /// <summary>AWS's limit on a resource-based policy document (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/rbac-considerations.html).</summary>
    public const int MaxPolicyBytes = 20 * 1024;

    /// <summary>The ExpectedRevisionId that asks for no policy to be attached yet.</summary>
    private const string NoPolicy = "NO_POLICY";

    public async Task<string> PutResourcePolicyAsync(AwsScope scope, string arn, string document, string? expectedRevision)
    {
        CheckPolicyDocument(document);
        var table = ForPolicy(scope, arn);
        var current = table.Policies.GetValueOrDefault(arn);
        if (expectedRevision is not null)
        {
            CheckRevision(table, current, expectedRevision, putting: true);
        }
        if (current is not null && current.Document == document)
        {
            return current.RevisionId;
        }
        var policy = NewPolicy(document, current);
        await SaveAsync(table with { Policies = WithPolicy(table, arn, policy) });
        return policy.RevisionId;
    }

    /// <summary>A policy document must be a JSON object of at most 20 KB (PutResourcePolicy and CreateTable's ResourcePolicy).</summary>
    public static void CheckPolicyDocument(string document)
    {
        if (Encoding.UTF8.GetByteCount(document) > MaxPolicyBytes)
        {
            throw DynamoDbErrors.Validation($"Resource-based policy size exceeds the maximum allowed size of {MaxPolicyBytes} bytes.");
        }
        try
        {
            using var parsed = JsonDocument.Parse(document);
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException();
            }
        }
        catch (JsonException)
        {
            throw DynamoDbErrors.Validation("Invalid policy document: the policy must be a JSON object.");
        }
    }

    /// <summary>A new revision of a policy: the time of the change in milliseconds (as AWS's look), kept strictly increasing.</summary>
    private ResourcePolicy NewPolicy(string document, ResourcePolicy? current)
    {
        var revision = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (current is not null && long.TryParse(current.RevisionId, CultureInfo.InvariantCulture, out var previous) && revision <= previous)
        {
            revision = previous + 1;
        }
        return new ResourcePolicy(document, revision.ToString(CultureInfo.InvariantCulture));
    }

    public ResourcePolicy GetResourcePolicy(AwsScope scope, string arn) =>
        ForPolicy(scope, arn).Policies.GetValueOrDefault(arn) ?? throw DynamoDbErrors.PolicyNotFound(arn);

    /// <summary>Removes the policy; returns the revision that was removed.</summary>
    public async Task<string> DeleteResourcePolicyAsync(AwsScope scope, string arn, string? expectedRevision)
    {
        var table = ForPolicy(scope, arn);
        var current = table.Policies.GetValueOrDefault(arn) ?? throw DynamoDbErrors.PolicyNotFound(arn);
        if (expectedRevision is not null)
        {
            CheckRevision(table, current, expectedRevision, putting: false);
        }
        await SaveAsync(table with { Policies = WithPolicy(table, arn, null) });
        return current.RevisionId;
    }

    /// <summary>AWS answers a revision mismatch with PolicyNotFoundException (wording as AWS's, verified by moto's tests).</summary>
    private static void CheckRevision(TableDefinition table, ResourcePolicy? current, string expected, bool putting)
    {
        if (current is null)
        {
            if (putting && expected == NoPolicy)
            {
                return;
            }
            throw DynamoDbErrors.PolicyNotFound($"Requested update for policy with revision id {expected}, but no policy is associated to target table {table.Name}.");
        }
        if (putting && expected == NoPolicy)
        {
            throw DynamoDbErrors.PolicyNotFound($"Requested policy update expecting none to be present for table {table.Name}, but a policy exists with revision id {current.RevisionId}.");
        }
        if (current.RevisionId != expected)
        {
            throw DynamoDbErrors.PolicyNotFound($"Requested update for policy with revision id {expected}, but the policy associated to target table {table.Name} has revision id {current.RevisionId}.");
        }
    }

    private static Dictionary<string, ResourcePolicy> WithPolicy(TableDefinition table, string arn, ResourcePolicy? policy)
    {
        var policies = new Dictionary<string, ResourcePolicy>(table.Policies, StringComparer.Ordinal);
        if (policy is null)
        {
            policies.Remove(arn);
        }
        else
        {
            policies[arn] = policy;
        }
        return policies;
    }

    /// <summary>The table a policy ARN belongs to: the table's own ARN, or the ARN of its (latest) stream.</summary>
    private TableDefinition ForPolicy(AwsScope scope, string arn)
    {
        var prefix = Arn.Build("dynamodb", scope, "table/");
        if (!arn.StartsWith(prefix, StringComparison.Ordinal) || arn.Length == prefix.Length)
        {
            throw DynamoDbErrors.InvalidParameter($"Provided Arn is not a DynamoDB resource arn: {arn}");
        }
        var parts = arn[prefix.Length..].Split('/');
        if (parts.Length != 1 && !(parts.Length == 3 && parts[1] == "stream"))
        {
            throw DynamoDbErrors.InvalidParameter($"Provided Arn is not a DynamoDB resource arn: {arn}");
        }
        var table = _catalog.Get(scope, parts[0]);
        if (parts.Length == 3 && table.Stream?.Arn != arn)
        {
            throw DynamoDbErrors.ResourceNotFound($"Requested resource not found: Stream: {arn} not found");
        }
        return table;
    }
}

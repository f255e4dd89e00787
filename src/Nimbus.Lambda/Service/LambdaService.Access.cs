using Nimbus.Core;
using Nimbus.Lambda.Model;

namespace Nimbus.Lambda.Service;

/// <summary>Resource policy, tags, reserved concurrency and account settings.</summary>
internal sealed partial class LambdaService
{
    /// <summary>AWS keeps at least this many concurrent executions unreserved.</summary>
    public const int MinimumUnreserved = 100;

    public PolicyStatement AddPermission(AwsScope scope, string name, string? qualifier, PolicyStatement statement, string? revisionId)
    {
        MutatePolicy(scope, name, qualifier, revisionId, statements =>
        {
            if (statements.Any(s => s.Sid == statement.Sid))
            {
                throw LambdaErrors.Conflict("The statement id (" + statement.Sid + ") provided already exists. Please provide a new statement id, or remove the existing statement.");
            }
            return [.. statements, statement];
        });
        return statement;
    }

    public void RemovePermission(AwsScope scope, string name, string? qualifier, string sid, string? revisionId)
    {
        MutatePolicy(scope, name, qualifier, revisionId, statements =>
        {
            if (statements.Count == 0)
            {
                throw LambdaErrors.ResourceNotFound("No policy is associated with the given resource.");
            }
            if (!statements.Any(s => s.Sid == sid))
            {
                throw LambdaErrors.ResourceNotFound($"Statement {sid} is not found in resource policy.");
            }
            return statements.Where(s => s.Sid != sid).ToList();
        });
    }

    /// <summary>
    /// Changes the policy of one qualifier (empty key: the unqualified function) under the policy's own RevisionId,
    /// which AWS checks separately from the function's.
    /// </summary>
    private void MutatePolicy(AwsScope scope, string name, string? qualifier, string? revisionId,
        Func<List<PolicyStatement>, List<PolicyStatement>> change)
    {
        var entry = Get(scope, name, qualifier);
        Mutate(entry, current =>
        {
            if (revisionId is not null && revisionId != current.PolicyRevisionId)
            {
                throw LambdaErrors.PreconditionFailed("GetPolicy");
            }
            RequireQualifier(scope, name, current, qualifier);
            var key = qualifier ?? "";
            var statements = change(current.Policies.GetValueOrDefault(key) ?? []);
            var policies = new Dictionary<string, List<PolicyStatement>>(current.Policies) { [key] = statements };
            return current with { Policies = policies, PolicyRevisionId = NewRevision() };
        });
    }

    public (IReadOnlyList<PolicyStatement> Statements, string RevisionId) GetPolicy(AwsScope scope, string name, string? qualifier)
    {
        var document = Get(scope, name, qualifier).Snapshot.Document;
        RequireQualifier(scope, name, document, qualifier);
        var statements = document.Policies.GetValueOrDefault(qualifier ?? "");
        if (statements is null || statements.Count == 0)
        {
            throw LambdaErrors.ResourceNotFound("The resource you requested does not exist.");
        }
        return (statements, document.PolicyRevisionId);
    }

    private static void RequireQualifier(AwsScope scope, string name, FunctionDocument document, string? qualifier)
    {
        if (qualifier is null || qualifier == "$LATEST" || document.Versions.Any(v => v.Version == qualifier) || document.Aliases.Any(a => a.Name == qualifier))
        {
            return;
        }
        throw LambdaErrors.FunctionNotFound(FunctionArn(scope, name, qualifier));
    }

    public Dictionary<string, string> ListTags(AwsScope scope, string resourceArn) => TaggedEntry(scope, resourceArn).Snapshot.Document.Tags;

    public void TagResource(AwsScope scope, string resourceArn, Dictionary<string, string> tags)
    {
        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > 128 || value.Length > 256)
            {
                throw LambdaErrors.InvalidParameter("Tag keys must be 1-128 characters and values at most 256 characters.");
            }
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw LambdaErrors.InvalidParameter("The aws: prefix is reserved for AWS use and cannot be used in tag keys.");
            }
        }
        FunctionNetwork.Validate(tags);
        var entry = TaggedEntry(scope, resourceArn);
        var network = FunctionNetwork.Of(entry.Snapshot.Document.Tags);
        Mutate(entry, current =>
        {
            var merged = new Dictionary<string, string>(current.Tags);
            foreach (var (key, value) in tags)
            {
                merged[key] = value;
            }
            if (merged.Count > 50)
            {
                throw LambdaErrors.InvalidParameter("Number of tags exceeds resource tag limit.");
            }
            return current with { Tags = merged };
        });
        RetireOnNetworkChange(entry, network);
    }

    /// <summary>Environments started on the old network go at once: the next invoke starts them on the new one.</summary>
    private void RetireOnNetworkChange(FunctionEntry entry, Execution.NetworkMode before)
    {
        if (FunctionNetwork.Of(entry.Snapshot.Document.Tags) != before)
        {
            _ = _engine.RetireAsync(entry.FunctionKey);
        }
    }

    public void UntagResource(AwsScope scope, string resourceArn, IReadOnlyList<string> keys)
    {
        var entry = TaggedEntry(scope, resourceArn);
        var network = FunctionNetwork.Of(entry.Snapshot.Document.Tags);
        Mutate(entry, current =>
        {
            var remaining = new Dictionary<string, string>(current.Tags);
            foreach (var key in keys)
            {
                remaining.Remove(key);
            }
            return current with { Tags = remaining };
        });
        RetireOnNetworkChange(entry, network);
    }

    private FunctionEntry TaggedEntry(AwsScope scope, string resourceArn)
    {
        if (!Arn.TryParse(resourceArn, out var arn) || arn.Service != "lambda" || !arn.Resource.StartsWith("function:", StringComparison.Ordinal))
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(resourceArn, "resource", "satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)")]);
        }
        var (name, qualifier) = FunctionNameParser.Parse(resourceArn, null);
        if (qualifier is not null)
        {
            throw LambdaErrors.InvalidParameter("Tags on function aliases and versions are not supported. Please specify a function ARN.");
        }
        return Find(scope, name) ?? throw LambdaErrors.FunctionNotFound(resourceArn);
    }

    public int PutFunctionConcurrency(AwsScope scope, string name, int reserved)
    {
        if (reserved < 0)
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(reserved.ToString(), "reservedConcurrentExecutions", "have value greater than or equal to 0")]);
        }
        var entry = Get(scope, name);
        lock (_createGate)
        {
            var others = _functions.Values.Where(e => e.Scope == scope && e != entry).Sum(e => e.Snapshot.Document.ReservedConcurrency ?? 0);
            if (Governor.AccountLimit - others - reserved < MinimumUnreserved)
            {
                throw LambdaErrors.InvalidParameter($"Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [{MinimumUnreserved}].");
            }
            Mutate(entry, current => current with { ReservedConcurrency = reserved });
            RecomputeReservedSum(scope);
        }
        return reserved;
    }

    public int? GetFunctionConcurrency(AwsScope scope, string name) => Get(scope, name).Snapshot.Document.ReservedConcurrency;

    public void DeleteFunctionConcurrency(AwsScope scope, string name)
    {
        var entry = Get(scope, name);
        lock (_createGate)
        {
            Mutate(entry, current => current.ReservedConcurrency is null ? current : current with { ReservedConcurrency = null });
            RecomputeReservedSum(scope);
        }
    }

    public AccountSettings GetAccountSettings(AwsScope scope)
    {
        var entries = _functions.Values.Where(e => e.Scope == scope).ToList();
        var reserved = entries.Sum(e => e.Snapshot.Document.ReservedConcurrency ?? 0);
        // Every distinct package counts once per function version, as AWS counts deployment packages.
        var codeSize = entries.Sum(e => e.Snapshot.Versions.Values.Sum(v => v.Config.CodeSize));
        return new AccountSettings(Governor.AccountLimit, Governor.AccountLimit - reserved, codeSize, entries.Count);
    }
}

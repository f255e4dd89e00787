using System.Globalization;
using System.Text.RegularExpressions;
using Nimbus.Core;
using Nimbus.Lambda.Model;

namespace Nimbus.Lambda.Service;

internal sealed partial class LambdaService
{
    public FunctionVersionConfig PublishVersion(AwsScope scope, string name, string? codeSha256, string? description, string? revisionId)
    {
        if (description is { Length: > 256 })
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(description, "description", "have length less than or equal to 256")]);
        }
        var entry = Get(scope, name);
        FunctionVersionConfig? published = null;
        Mutate(entry, current =>
        {
            CheckRevision(revisionId, current.Latest.RevisionId, "GetFunction/GetAlias");
            RequireSettled(scope, current);
            if (codeSha256 is not null && codeSha256 != current.Latest.CodeSha256)
            {
                throw LambdaErrors.InvalidParameter($"CodeSHA256 ({codeSha256}) is different from current CodeSHA256 in $LATEST ({current.Latest.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.");
            }
            var (next, version) = PublishInto(current, description);
            published = version;
            return next;
        });
        return published!;
    }

    /// <summary>
    /// Publishes <c>$LATEST</c> as the next version number, unless nothing changed since the last published
    /// version: then AWS returns that version instead of creating a new one.
    /// </summary>
    private (FunctionDocument Document, FunctionVersionConfig Version) PublishInto(FunctionDocument document, string? description)
    {
        var latest = document.Latest;
        var last = document.Versions.Count > 0 ? document.Versions[^1] : null;
        if (last is not null && last.Fingerprint() == latest.Fingerprint())
        {
            return (document, last);
        }
        var number = document.LastVersionNumber + 1;
        var version = latest with
        {
            Version = number.ToString(CultureInfo.InvariantCulture),
            Description = description ?? latest.Description,
            RevisionId = NewRevision(),
        };
        var next = document with
        {
            Versions = [.. document.Versions, version],
            LastVersionNumber = number,
            Latest = latest with { RevisionId = NewRevision() },
        };
        return (next, version);
    }

    public (List<FunctionVersionConfig> Page, string? NextMarker) ListVersions(AwsScope scope, string name, string? marker, int maxItems)
    {
        var document = Get(scope, name).Snapshot.Document;
        var all = new List<FunctionVersionConfig> { document.Latest };
        all.AddRange(document.Versions);
        return Paginate(all, c => c.Version, marker, maxItems);
    }

    public AliasConfig CreateAlias(AwsScope scope, string name, string aliasName, string functionVersion, string? description,
        Dictionary<string, double>? weights)
    {
        ValidateAliasInput(aliasName, functionVersion, description, weights);
        var entry = Get(scope, name);
        var alias = new AliasConfig
        {
            Name = aliasName,
            FunctionVersion = functionVersion,
            Description = description ?? "",
            AdditionalVersionWeights = weights is { Count: > 0 } ? weights : null,
            RevisionId = NewRevision(),
        };
        Mutate(entry, current =>
        {
            if (current.Aliases.Any(a => a.Name == aliasName))
            {
                throw LambdaErrors.Conflict("Alias already exists: " + FunctionArn(scope, name, aliasName));
            }
            CheckAliasTargets(scope, name, current, alias);
            return current with { Aliases = [.. current.Aliases, alias] };
        });
        return alias;
    }

    public AliasConfig GetAlias(AwsScope scope, string name, string aliasName)
    {
        ValidateAliasName(aliasName);
        var entry = Get(scope, name);
        return entry.Snapshot.Aliases.GetValueOrDefault(aliasName) ?? throw LambdaErrors.AliasNotFound(FunctionArn(scope, name, aliasName));
    }

    public AliasConfig UpdateAlias(AwsScope scope, string name, string aliasName, string? functionVersion, string? description,
        Dictionary<string, double>? weights, string? revisionId)
    {
        ValidateAliasInput(aliasName, functionVersion, description, weights);
        var entry = Get(scope, name);
        AliasConfig? updated = null;
        Mutate(entry, current =>
        {
            var existing = current.Aliases.FirstOrDefault(a => a.Name == aliasName)
                ?? throw LambdaErrors.AliasNotFound(FunctionArn(scope, name, aliasName));
            CheckRevision(revisionId, existing.RevisionId, "GetFunction/GetAlias");
            updated = existing with
            {
                FunctionVersion = functionVersion ?? existing.FunctionVersion,
                Description = description ?? existing.Description,
                // An empty map clears the routing; leaving RoutingConfig out keeps it.
                AdditionalVersionWeights = weights is null ? existing.AdditionalVersionWeights : weights.Count == 0 ? null : weights,
                RevisionId = NewRevision(),
            };
            CheckAliasTargets(scope, name, current, updated);
            return current with { Aliases = current.Aliases.Select(a => a.Name == aliasName ? updated : a).ToList() };
        });
        return updated!;
    }

    public void DeleteAlias(AwsScope scope, string name, string aliasName)
    {
        ValidateAliasName(aliasName);
        var entry = Get(scope, name);
        // Deleting an alias that does not exist succeeds on AWS (204).
        Mutate(entry, current => current.Aliases.Any(a => a.Name == aliasName)
            ? current with { Aliases = current.Aliases.Where(a => a.Name != aliasName).ToList(), EventInvokeConfigs = WithoutEventInvokeConfig(current, aliasName) }
            : current);
    }

    public (List<AliasConfig> Page, string? NextMarker) ListAliases(AwsScope scope, string name, string? functionVersion, string? marker, int maxItems)
    {
        var aliases = Get(scope, name).Snapshot.Document.Aliases
            .Where(a => functionVersion is null || a.FunctionVersion == functionVersion)
            .OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        return Paginate(aliases, a => a.Name, marker, maxItems);
    }

    private static void CheckAliasTargets(AwsScope scope, string name, FunctionDocument document, AliasConfig alias)
    {
        if (alias.FunctionVersion != "$LATEST" && !document.Versions.Any(v => v.Version == alias.FunctionVersion))
        {
            throw LambdaErrors.FunctionNotFound(FunctionArn(scope, name, alias.FunctionVersion));
        }
        if (alias.AdditionalVersionWeights is not { Count: > 0 } weights)
        {
            return;
        }
        if (alias.FunctionVersion == "$LATEST")
        {
            throw LambdaErrors.InvalidParameter("$LATEST is not supported for an alias pointing to more than 1 version");
        }
        foreach (var version in weights.Keys)
        {
            if (version == alias.FunctionVersion)
            {
                throw LambdaErrors.InvalidParameter($"Invalid function version {version}. Function version {version} is already included in routing configuration.");
            }
            if (!document.Versions.Any(v => v.Version == version))
            {
                throw LambdaErrors.FunctionNotFound(FunctionArn(scope, name, version));
            }
        }
    }

    private static void ValidateAliasInput(string aliasName, string? functionVersion, string? description, Dictionary<string, double>? weights)
    {
        var violations = new List<string>();
        if (aliasName.Length is < 1 or > 128 || !AliasRegex().IsMatch(aliasName))
        {
            violations.Add(LambdaErrors.Violation(aliasName, "name", "satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)"));
        }
        if (functionVersion is not null && (functionVersion.Length > 1024 || !VersionRegex().IsMatch(functionVersion)))
        {
            violations.Add(LambdaErrors.Violation(functionVersion, "functionVersion", @"satisfy regular expression pattern: (\$LATEST|[0-9]+)"));
        }
        if (description is { Length: > 256 })
        {
            violations.Add(LambdaErrors.Violation(description, "description", "have length less than or equal to 256"));
        }
        if (weights is not null)
        {
            foreach (var (version, weight) in weights)
            {
                if (!NumberRegex().IsMatch(version))
                {
                    violations.Add(LambdaErrors.Violation(version, "routingConfig.additionalVersionWeights", "satisfy regular expression pattern: [0-9]+"));
                }
                if (weight is < 0 or > 1 || double.IsNaN(weight))
                {
                    violations.Add(LambdaErrors.Violation(weight.ToString(CultureInfo.InvariantCulture), "routingConfig.additionalVersionWeights",
                        weight < 0 ? "have value greater than or equal to 0.0" : "have value less than or equal to 1.0"));
                }
            }
        }
        if (violations.Count > 0)
        {
            throw LambdaErrors.Validation(violations);
        }
        if (weights is { Count: > 1 })
        {
            throw LambdaErrors.InvalidParameter("Number of items in AdditionalVersionWeights cannot be greater than 1");
        }
    }

    private static void ValidateAliasName(string aliasName)
    {
        if (aliasName.Length is < 1 or > 128 || !AliasRegex().IsMatch(aliasName))
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(aliasName, "name", "satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)")]);
        }
    }

    [GeneratedRegex(@"^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$")]
    private static partial Regex AliasRegex();

    [GeneratedRegex(@"^(\$LATEST|[0-9]+)$")]
    private static partial Regex VersionRegex();

    [GeneratedRegex(@"^[0-9]+$")]
    private static partial Regex NumberRegex();
}

using Nimbus.Core;
using Nimbus.Lambda.Model;

namespace Nimbus.Lambda.Service;

internal sealed partial class LambdaService
{
    public FunctionDocument CreateFunction(AwsScope scope, string name, FunctionSettings settings, byte[] zip,
        Dictionary<string, string>? tags, bool publish, long maxZipped = CodeStore.MaxZippedBytes)
    {
        ConfigValidator.Validate(settings, Runtimes, isCreate: true);
        if (settings.Role is null)
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(null, "role", "not be null")]);
        }
        var code = _code.Store(zip, maxZipped);
        var now = _time.GetUtcNow();
        var latest = new FunctionVersionConfig
        {
            FunctionName = name,
            Version = "$LATEST",
            Runtime = settings.Runtime!,
            Role = settings.Role,
            Handler = settings.Handler!,
            Description = settings.Description ?? "",
            TimeoutSeconds = settings.TimeoutSeconds ?? 3,
            MemorySizeMb = settings.MemorySizeMb ?? 128,
            EphemeralStorageMb = settings.EphemeralStorageMb ?? 512,
            Architecture = settings.Architectures?[0] ?? "x86_64",
            // An empty map is no variables at all: AWS then leaves Environment out of the configuration.
            Environment = settings.Environment is { Count: > 0 } ? settings.Environment : null,
            DeadLetterTargetArn = string.IsNullOrEmpty(settings.DeadLetterTargetArn) ? null : settings.DeadLetterTargetArn,
            TracingMode = settings.TracingMode ?? "PassThrough",
            LogFormat = settings.LogFormat ?? "Text",
            ApplicationLogLevel = settings.ApplicationLogLevel,
            SystemLogLevel = settings.SystemLogLevel,
            LogGroup = settings.LogGroup,
            CodeSha256 = code.Sha256Base64,
            CodeHashHex = code.HashHex,
            CodeSize = code.Size,
            LastModified = now,
            RevisionId = NewRevision(),
            State = FunctionState.Pending,
        };
        FunctionNetwork.Validate(tags);
        var document = new FunctionDocument { Latest = latest, Tags = tags ?? [] };
        if (publish)
        {
            document = document with
            {
                Versions = [latest with { Version = "1", RevisionId = NewRevision() }],
                LastVersionNumber = 1,
            };
        }

        FunctionEntry entry;
        lock (_createGate)
        {
            if (_functions.ContainsKey((scope, name)))
            {
                throw LambdaErrors.Conflict("Function already exist: " + name);
            }
            _store.Save(scope, document);
            entry = new FunctionEntry(scope, name, BuildSnapshot(scope, document));
            _functions[(scope, name)] = entry;
        }
        LambdaLog.Created(_logger, name, latest.Runtime);
        ScheduleSettle(entry);
        return document;
    }

    public FunctionVersionConfig UpdateConfiguration(AwsScope scope, string name, FunctionSettings settings)
    {
        ConfigValidator.Validate(settings, Runtimes, isCreate: false);
        var entry = Get(scope, name);
        var document = Mutate(entry, current =>
        {
            var latest = current.Latest;
            CheckRevision(settings.RevisionId, latest.RevisionId, "GetFunction/GetAlias");
            RequireSettled(scope, current);
            return current with
            {
                Latest = latest with
                {
                    Runtime = settings.Runtime ?? latest.Runtime,
                    Role = settings.Role ?? latest.Role,
                    Handler = settings.Handler ?? latest.Handler,
                    Description = settings.Description ?? latest.Description,
                    TimeoutSeconds = settings.TimeoutSeconds ?? latest.TimeoutSeconds,
                    MemorySizeMb = settings.MemorySizeMb ?? latest.MemorySizeMb,
                    EphemeralStorageMb = settings.EphemeralStorageMb ?? latest.EphemeralStorageMb,
                    Architecture = settings.Architectures?[0] ?? latest.Architecture,
                    // An empty Variables map removes every variable, as on AWS.
                    Environment = settings.Environment is null ? latest.Environment : settings.Environment.Count == 0 ? null : settings.Environment,
                    TracingMode = settings.TracingMode ?? latest.TracingMode,
                    LogFormat = settings.LogFormat ?? latest.LogFormat,
                    ApplicationLogLevel = settings.ApplicationLogLevel ?? latest.ApplicationLogLevel,
                    SystemLogLevel = settings.SystemLogLevel ?? latest.SystemLogLevel,
                    LogGroup = settings.LogGroup ?? latest.LogGroup,
                    // An empty TargetArn removes the dead-letter queue.
                    DeadLetterTargetArn = settings.DeadLetterTargetArn is null ? latest.DeadLetterTargetArn
                        : settings.DeadLetterTargetArn.Length == 0 ? null : settings.DeadLetterTargetArn,
                    LastModified = _time.GetUtcNow(),
                    RevisionId = NewRevision(),
                    LastUpdateStatus = LastUpdateStatus.InProgress,
                },
            };
        });
        _ = _engine.RetireAsync(entry.FunctionKey);
        ScheduleSettle(entry);
        return document.Latest;
    }

    /// <summary>UpdateFunctionCode: new zip for <c>$LATEST</c>; <paramref name="dryRun"/> validates without changing anything.</summary>
    public (FunctionVersionConfig Latest, FunctionVersionConfig? Published) UpdateCode(AwsScope scope, string name, byte[] zip,
        IReadOnlyList<string>? architectures, bool publish, bool dryRun, string? revisionId, long maxZipped = CodeStore.MaxZippedBytes)
    {
        if (architectures is not null)
        {
            ConfigValidator.Validate(new FunctionSettings { Architectures = architectures }, Runtimes, isCreate: false);
        }
        var entry = Get(scope, name);
        CheckRevision(revisionId, entry.Snapshot.Latest.Config.RevisionId, "GetFunction/GetAlias");
        var code = _code.Store(zip, maxZipped);
        if (dryRun)
        {
            var current = entry.Snapshot.Latest.Config;
            return (current with { CodeSha256 = code.Sha256Base64, CodeSize = code.Size }, null);
        }
        FunctionVersionConfig? published = null;
        var document = Mutate(entry, current =>
        {
            CheckRevision(revisionId, current.Latest.RevisionId, "GetFunction/GetAlias");
            RequireSettled(scope, current);
            var next = current with
            {
                Latest = current.Latest with
                {
                    CodeSha256 = code.Sha256Base64,
                    CodeHashHex = code.HashHex,
                    CodeSize = code.Size,
                    Architecture = architectures?[0] ?? current.Latest.Architecture,
                    LastModified = _time.GetUtcNow(),
                    RevisionId = NewRevision(),
                    LastUpdateStatus = LastUpdateStatus.InProgress,
                },
            };
            if (publish)
            {
                (next, published) = PublishInto(next, description: null);
            }
            return next;
        });
        _ = _engine.RetireAsync(entry.FunctionKey);
        ScheduleSettle(entry);
        return (document.Latest, published);
    }

    /// <summary>Deletes a function, or only one published version when a qualifier is given.</summary>
    public void DeleteFunction(AwsScope scope, string name, string? qualifier)
    {
        var entry = Get(scope, name, qualifier);
        if (qualifier is not null)
        {
            if (qualifier == "$LATEST")
            {
                throw LambdaErrors.InvalidParameter("$LATEST version cannot be deleted without deleting the function.");
            }
            Mutate(entry, current =>
            {
                if (!current.Versions.Any(v => v.Version == qualifier))
                {
                    if (current.Aliases.Any(a => a.Name == qualifier))
                    {
                        throw LambdaErrors.InvalidParameter("Deletion of aliases is not supported with DeleteFunction. Use DeleteAlias instead.");
                    }
                    throw LambdaErrors.FunctionNotFound(FunctionArn(scope, name, qualifier));
                }
                var users = current.Aliases.Where(a => a.FunctionVersion == qualifier || (a.AdditionalVersionWeights?.ContainsKey(qualifier) ?? false))
                    .Select(a => a.Name).ToList();
                if (users.Count > 0)
                {
                    throw LambdaErrors.Conflict($"Unable to delete version because the following aliases reference it: [{string.Join(", ", users)}]");
                }
                var policies = new Dictionary<string, List<PolicyStatement>>(current.Policies);
                policies.Remove(qualifier);
                return current with
                {
                    Versions = current.Versions.Where(v => v.Version != qualifier).ToList(),
                    Policies = policies,
                    EventInvokeConfigs = WithoutEventInvokeConfig(current, qualifier),
                };
            });
            return;
        }
        lock (entry.Gate)
        {
            _store.Delete(scope, name);
            entry.Deleted = true;
            _functions.TryRemove((scope, name), out _);
        }
        RecomputeReservedSum(scope);
        LambdaLog.Deleted(_logger, name);
        _ = _engine.RetireAsync(entry.FunctionKey);
    }

    /// <summary>Functions of a scope in name order; with <paramref name="allVersions"/> each published version too.</summary>
    public (List<FunctionVersionConfig> Page, string? NextMarker) ListFunctions(AwsScope scope, bool allVersions, string? marker, int maxItems)
    {
        var all = new List<FunctionVersionConfig>();
        foreach (var entry in _functions.Values.Where(e => e.Scope == scope).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var snapshot = entry.Snapshot;
            all.Add(snapshot.Document.Latest);
            if (allVersions)
            {
                all.AddRange(snapshot.Document.Versions);
            }
        }
        return Paginate(all, c => c.FunctionName + ":" + c.Version, marker, maxItems);
    }

    /// <summary>Markers are the key of the last item returned; AWS's are opaque, so any stable token works.</summary>
    private static (List<T> Page, string? NextMarker) Paginate<T>(List<T> items, Func<T, string> key, string? marker, int maxItems)
    {
        var start = 0;
        if (!string.IsNullOrEmpty(marker))
        {
            var index = items.FindIndex(i => key(i) == marker);
            if (index < 0)
            {
                throw LambdaErrors.InvalidParameter("Invalid marker: " + marker);
            }
            start = index + 1;
        }
        var page = items.Skip(start).Take(maxItems).ToList();
        var next = start + page.Count < items.Count && page.Count > 0 ? key(page[^1]) : null;
        return (page, next);
    }
}

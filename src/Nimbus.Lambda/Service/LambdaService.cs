using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Nimbus.Core;
using Nimbus.Core.Objects;
using Nimbus.Execution;
using Nimbus.Lambda.Model;
using Nimbus.Lambda.Store;

namespace Nimbus.Lambda.Service;

/// <summary>
/// The Lambda control plane: functions, versions, aliases, policies, tags and concurrency. Knows nothing of
/// HTTP or JSON. Every function lives in memory (loaded at start-up); SQLite is written on each change only.
/// </summary>
internal sealed partial class LambdaService
{
    private readonly ConcurrentDictionary<(AwsScope Scope, string Name), FunctionEntry> _functions = new();
    private readonly object _createGate = new();
    private readonly ILambdaStore _store;
    private readonly CodeStore _code;
    private readonly IExecutionEngine _engine;
    private readonly TimeProvider _time;
    private readonly ILogger<LambdaService> _logger;
    private readonly IObjectReader? _objects;

    public LambdaService(ILambdaStore store, CodeStore code, IExecutionEngine engine, ConcurrencyGovernor governor,
        TimeProvider time, ILogger<LambdaService> logger, IEnumerable<IObjectReader> objectReaders)
    {
        // The object store is optional: without one (Lambda hosted alone) S3 code locations are refused.
        _objects = objectReaders.FirstOrDefault();
        _store = store;
        _code = code;
        _engine = engine;
        Governor = governor;
        _time = time;
        _logger = logger;
        foreach (var (scope, document) in _store.LoadAll())
        {
            var entry = new FunctionEntry(scope, document.Latest.FunctionName, BuildSnapshot(scope, document));
            _functions[(scope, entry.Name)] = entry;
            if (NeedsSettling(document))
            {
                ScheduleSettle(entry);
            }
            else
            {
                EnsureCodeOnDisk(entry.Name, document);
            }
        }
        foreach (var scope in _functions.Keys.Select(k => k.Scope).Distinct())
        {
            RecomputeReservedSum(scope);
        }
        LambdaLog.Loaded(_logger, _functions.Count);
    }

    public ConcurrencyGovernor Governor { get; }

    public RuntimeCatalog Runtimes => _engine.Runtimes;

    public CodeStore Code => _code;

    public FunctionEntry? Find(AwsScope scope, string name) => _functions.GetValueOrDefault((scope, name));

    /// <summary>Every function of every account and region (cost allocation by tag).</summary>
    public IEnumerable<FunctionEntry> All => _functions.Values;

    public FunctionEntry Get(AwsScope scope, string name, string? qualifier = null) =>
        Find(scope, name) ?? throw LambdaErrors.FunctionNotFound(FunctionArn(scope, name, qualifier));

    public static string FunctionArn(AwsScope scope, string name, string? qualifier = null) =>
        Arn.Build("lambda", scope, qualifier is null ? "function:" + name : "function:" + name + ":" + qualifier);

    /// <summary>A version by qualifier (<c>$LATEST</c>, a number, or an alias resolved to its primary version).</summary>
    public ResolvedVersion ResolveVersion(FunctionEntry entry, string? qualifier)
    {
        var snapshot = entry.Snapshot;
        if (qualifier is null or "$LATEST")
        {
            return snapshot.Latest;
        }
        if (snapshot.Versions.TryGetValue(qualifier, out var version))
        {
            return version;
        }
        if (snapshot.Aliases.TryGetValue(qualifier, out var alias))
        {
            return snapshot.Versions[alias.FunctionVersion];
        }
        throw LambdaErrors.FunctionNotFound(FunctionArn(entry.Scope, entry.Name, qualifier));
    }

    private string NewRevision() => Guid.NewGuid().ToString("D");

    private FunctionSnapshot BuildSnapshot(AwsScope scope, FunctionDocument document)
    {
        var versions = new Dictionary<string, ResolvedVersion>(StringComparer.Ordinal)
        {
            ["$LATEST"] = Resolve(scope, document.Latest, FunctionNetwork.Of(document.Tags)),
        };
        foreach (var version in document.Versions)
        {
            versions[version.Version] = Resolve(scope, version, FunctionNetwork.Of(document.Tags));
        }
        var aliases = document.Aliases.ToDictionary(a => a.Name, StringComparer.Ordinal);
        return new FunctionSnapshot(document, versions, aliases);
    }

    private ResolvedVersion Resolve(AwsScope scope, FunctionVersionConfig config, NetworkMode network)
    {
        var name = config.FunctionName;
        var spec = new EnvironmentSpec
        {
            Scope = scope,
            FunctionName = name,
            FunctionKey = scope.AccountId + "/" + scope.Region + "/" + name,
            // Code hash + a hash of everything an environment is started with: any change of code or configuration of
            // this version yields a new pool, while changes that do not matter to it (publishing, tags) keep it warm.
            // The network setting (a tag, on every version) also changes what an environment is started with.
            PoolKey = $"{scope.AccountId}/{scope.Region}/{name}/{config.Version}/{config.CodeHashHex}/{ConfigHash(config)}"
                + (network == NetworkMode.Host ? "/host-network" : ""),
            Version = config.Version,
            FunctionArn = config.Version == "$LATEST" ? FunctionArn(scope, name) : FunctionArn(scope, name, config.Version),
            Runtime = config.Runtime,
            Handler = config.Handler,
            CodeDirectory = _code.UnpackedPath(config.CodeHashHex),
            MemorySizeMb = config.MemorySizeMb,
            TimeoutSeconds = config.TimeoutSeconds,
            EphemeralStorageMb = config.EphemeralStorageMb,
            Architecture = config.Architecture,
            Environment = config.Environment ?? new Dictionary<string, string>(),
            LogGroupName = config.EffectiveLogGroup,
            Network = network,
        };
        return new ResolvedVersion(config, spec);
    }

    private static string ConfigHash(FunctionVersionConfig config) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(config.Fingerprint())))[..16];

    /// <summary>Runs a change of one function under its lock: persist first, then publish the new snapshot.</summary>
    private FunctionDocument Mutate(FunctionEntry entry, Func<FunctionDocument, FunctionDocument> change)
    {
        lock (entry.Gate)
        {
            if (entry.Deleted)
            {
                throw LambdaErrors.FunctionNotFound(FunctionArn(entry.Scope, entry.Name));
            }
            var current = entry.Snapshot.Document;
            var next = change(current);
            if (ReferenceEquals(next, current))
            {
                return current;
            }
            _store.Save(entry.Scope, next);
            entry.Publish(BuildSnapshot(entry.Scope, next));
            return next;
        }
    }

    private static void CheckRevision(string? expected, string actual, string api)
    {
        if (expected is not null && expected != actual)
        {
            throw LambdaErrors.PreconditionFailed(api);
        }
    }

    private static bool NeedsSettling(FunctionDocument document) =>
        document.Latest.State == FunctionState.Pending || document.Latest.LastUpdateStatus == LastUpdateStatus.InProgress
        || document.Versions.Any(v => v.State == FunctionState.Pending);

    /// <summary>
    /// Finishes a create or update in the background, as Lambda does: unpacks the code, then moves the function
    /// from <c>Pending</c> to <c>Active</c> and the update from <c>InProgress</c> to <c>Successful</c>.
    /// </summary>
    private void ScheduleSettle(FunctionEntry entry) => _ = Task.Run(async () =>
    {
        await SettleGate;
        Settle(entry);
    });

    /// <summary>Tests hold this to observe a function while it is still Pending / InProgress.</summary>
    internal Task SettleGate { get; set; } = Task.CompletedTask;

    /// <summary>
    /// AWS refuses a change while the previous one is still being applied; clients wait with
    /// <c>function-updated-v2</c> / <c>function-active-v2</c>.
    /// </summary>
    private static void RequireSettled(AwsScope scope, FunctionDocument document)
    {
        if (document.Latest.State == FunctionState.Pending || document.Latest.LastUpdateStatus == LastUpdateStatus.InProgress)
        {
            throw LambdaErrors.Conflict("The operation cannot be performed at this time. An update is in progress for resource: "
                + FunctionArn(scope, document.Latest.FunctionName));
        }
    }

    private void Settle(FunctionEntry entry)
    {
        var hashes = CodeHashes(entry.Snapshot.Document).ToHashSet(StringComparer.Ordinal);
        string? failure = null;
        try
        {
            foreach (var hash in hashes)
            {
                _code.EnsureUnpacked(hash);
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            failure = exception.Message;
            LambdaLog.UnpackFailed(_logger, exception, entry.Name);
        }
        try
        {
            // Settle only what this pass unpacked: an update that landed meanwhile brings new code and its own pass.
            Mutate(entry, document => NeedsSettling(document) && CodeHashes(document).All(hashes.Contains) ? document with
            {
                Latest = SettleVersion(document.Latest, failure),
                Versions = document.Versions.Select(v => SettleVersion(v, failure)).ToList(),
            } : document);
        }
        catch (AwsServiceException)
        {
            // Deleted meanwhile: nothing to settle.
        }
    }

    /// <summary>
    /// Keeps "Active implies unpacked" true across a crash (the unpacked tree is not fsynced) or a cleaned cache:
    /// a directory that is missing is unpacked again from the content-addressed zip. A no-op when present.
    /// </summary>
    private void EnsureCodeOnDisk(string name, FunctionDocument document)
    {
        foreach (var hash in CodeHashes(document).Distinct())
        {
            try
            {
                _code.EnsureUnpacked(hash);
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                LambdaLog.UnpackFailed(_logger, exception, name);
            }
        }
    }

    private static IEnumerable<string> CodeHashes(FunctionDocument document) =>
        document.Versions.Select(v => v.CodeHashHex).Append(document.Latest.CodeHashHex);

    private static FunctionVersionConfig SettleVersion(FunctionVersionConfig config, string? failure) => config with
    {
        State = config.State == FunctionState.Pending ? (failure is null ? FunctionState.Active : FunctionState.Failed) : config.State,
        LastUpdateStatus = config.LastUpdateStatus == LastUpdateStatus.InProgress
            ? (failure is null ? LastUpdateStatus.Successful : LastUpdateStatus.Failed)
            : config.LastUpdateStatus ?? (failure is null ? LastUpdateStatus.Successful : LastUpdateStatus.Failed),
    };

    private void RecomputeReservedSum(AwsScope scope)
    {
        var sum = 0;
        foreach (var ((entryScope, _), entry) in _functions)
        {
            if (entryScope == scope && entry.Snapshot.Document.ReservedConcurrency is int reserved)
            {
                sum += reserved;
            }
        }
        Governor.SetReservedSum(scope, sum);
    }
}

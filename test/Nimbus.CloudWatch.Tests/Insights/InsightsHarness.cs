using Microsoft.Extensions.Logging.Abstractions;
using Nimbus.CloudWatch.Logs.Insights;
using Nimbus.CloudWatch.Logs.Insights.Store;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Logs;
using Nimbus.Core.Storage;

namespace Nimbus.CloudWatch.Tests.Insights;

/// <summary>Logs Insights over a real SQLite store, with a manual clock and queries that run only when the test says.</summary>
internal sealed class InsightsHarness : IAsyncDisposable
{
    public static readonly AwsScope Scope = AwsScope.Default;

    private readonly LogsFixture _logs = new();

    public InsightsHarness()
    {
        Service = NewService();
    }

    public ManualTaskScheduler Scheduler { get; private set; } = new();

    public InsightsService Service { get; private set; }

    public ManualTimeProvider Time => _logs.Time;

    /// <summary>A new service over the same log and query databases, as after a restart (with a new scheduler).</summary>
    public void Restart()
    {
        Scheduler = new ManualTaskScheduler();
        Service = NewService();
    }

    private InsightsService NewService() => new(_logs.Store,
        new SqliteQueryStore(new SqliteDatabase(Path.Combine(Path.GetDirectoryName(_logs.DatabasePath)!, "insights.db"))),
        _logs.Time, NullLogger<InsightsService>.Instance, Scheduler);

    /// <summary>Epoch milliseconds of the fixture's start, 2026-11-26 12:00:00 UTC.</summary>
    public static long T0 => LogsFixture.Start.ToUnixTimeMilliseconds();

    public async Task SeedAsync(string group, string stream, params (long OffsetMs, string Message)[] events)
    {
        _logs.Ingestion.Append(Scope, group, stream, events.Select(e => new LogRecord(T0 + e.OffsetMs, e.Message)).ToList());
        await _logs.Ingestion.FlushAsync();
    }

    public Task<string> StartAsync(string query, params string[] groups) =>
        Service.StartAsync(Scope, new StartQueryCommand(groups, T0 / 1000 - 3600, T0 / 1000 + 3600, query, null), CancellationToken.None);

    /// <summary>Starts the query, runs it to its end, and returns its rows as field → value maps.</summary>
    public async Task<(List<Dictionary<string, string>> Rows, QueryResultsPage Page)> RunAsync(string query, params string[] groups)
    {
        var id = await StartAsync(query, groups.Length == 0 ? ["g"] : groups);
        Scheduler.RunPending();
        var page = Service.GetResults(Scope, id, null, null);
        Assert.Equal(QueryStatus.Complete, page.Status);
        return (page.Results.Select(row => row.ToDictionary(f => f.Field, f => f.Value)).ToList(), page);
    }

    public async ValueTask DisposeAsync() => await _logs.DisposeAsync();
}

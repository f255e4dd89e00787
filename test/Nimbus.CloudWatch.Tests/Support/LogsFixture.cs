using Microsoft.Extensions.Logging.Abstractions;
using Nimbus.CloudWatch.Logs;
using Nimbus.CloudWatch.Logs.Store;

namespace Nimbus.CloudWatch.Tests.Support;

/// <summary>A store, service and ingestion over a fresh SQLite file, with a manual clock.</summary>
internal sealed class LogsFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();

    public LogsFixture()
    {
        DatabasePath = System.IO.Path.Combine(_directory.Path, "logs.db");
        Store = SqliteLogStore.Open(DatabasePath);
        Service = new LogsService(Store, Time);
        Ingestion = new LogIngestion(Store, Time, NullLogger<LogIngestion>.Instance);
    }

    public string DatabasePath { get; }

    public ManualTimeProvider Time { get; } = new(Start);

    public SqliteLogStore Store { get; }

    public LogsService Service { get; }

    public LogIngestion Ingestion { get; }

    public SqliteLogStore Reopen() => SqliteLogStore.Open(DatabasePath);

    public async ValueTask DisposeAsync()
    {
        await Ingestion.DisposeAsync();
        _directory.Dispose();
    }
}

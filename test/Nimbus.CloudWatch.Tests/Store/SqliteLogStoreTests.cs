using Nimbus.CloudWatch.Logs.Store;
using Nimbus.CloudWatch.Tests.Support;

namespace Nimbus.CloudWatch.Tests.Store;

/// <summary>The SQLite store against the conformance suite.</summary>
public sealed class SqliteLogStoreTests : LogStoreConformanceTests, IAsyncLifetime
{
    private readonly LogsFixture _logs = new();

    internal override ILogStore Store => _logs.Store;

    internal override ILogStore Reopen() => _logs.Reopen();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _logs.DisposeAsync();
}

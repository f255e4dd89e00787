using Microsoft.Data.Sqlite;
using Nimbus.Core.Storage;

namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// The pipelined group commit (the DynamoDB store's writer): a batch is made durable either by the writer itself (nothing
/// else waiting) or by the fsync thread (writes queued meanwhile). Writes issued from a write's continuation must complete
/// — a continuation run on the writer thread would wait for itself — and every answered write must be in the database
/// whichever thread synced it — also when callers are answered before the fsync (<see cref="WriteDurability.Process"/>).
/// </summary>
public sealed class PipelinedGroupCommitTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nimbus-group-commit-" + Guid.NewGuid().ToString("N")[..8]);

    private readonly SqliteDatabase _database;

    public PipelinedGroupCommitTests()
    {
        Directory.CreateDirectory(_directory);
        _database = new SqliteDatabase(Path.Combine(_directory, "writes.db"));
        _database.EnsureSchema("CREATE TABLE IF NOT EXISTS writes (id INTEGER PRIMARY KEY, caller INTEGER NOT NULL, n INTEGER NOT NULL);");
    }

    [Theory]
    [InlineData(WriteDurability.Fsync)]
    [InlineData(WriteDurability.Process)]
    public async Task AsynchronousWrites_ChainedFromContinuations_AllComplete(WriteDurability durability)
    {
        using var commit = new SqliteGroupCommit(_database, "test-writer", pipelined: true, durability);
        // The TTL sweeper's shape: each write awaited, the next issued from its continuation (possibly the writer thread).
        for (var n = 0; n < 50; n++)
        {
            await commit.RunAsync(cache => Insert(cache, 7, n)).WaitAsync(TimeSpan.FromSeconds(30));
        }
        Assert.Equal(50, await commit.RunAsync(Count));
    }

    [Theory]
    [InlineData(WriteDurability.Fsync)]
    [InlineData(WriteDurability.Process)]
    public async Task ConcurrentCallers_EveryAnsweredWriteIsInTheDatabaseAfterReopening_InEachCallersOrder(WriteDurability durability)
    {
        const int callers = 16;
        const int writesEach = 40;
        using (var commit = new SqliteGroupCommit(_database, "test-writer", pipelined: true, durability))
        {
            // Closed-loop callers, as in the benchmark: batches are answered both by the writer (nothing else waiting) and
            // by the fsync thread (writes queued meanwhile), so both paths run here.
            var workers = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
            {
                for (var n = 0; n < writesEach; n++)
                {
                    var id = await commit.RunAsync(cache => Insert(cache, caller, n));
                    Assert.True(id > 0);
                }
            }));
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(120));
        }

        using var connection = new SqliteConnection($"Data Source={_database.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT caller, n FROM writes ORDER BY id";
        using var reader = command.ExecuteReader();
        var next = new int[callers];
        var rows = 0;
        while (reader.Read())
        {
            var caller = reader.GetInt32(0);
            Assert.Equal(next[caller]++, reader.GetInt32(1));
            rows++;
        }
        Assert.Equal(callers * writesEach, rows);
    }

    [Fact]
    public void AnsweringBeforeTheFsync_NeedsThePipelinedWriter()
    {
        // Without the fsync thread nothing would ever sync the WAL behind the answers.
        var error = Assert.Throws<ArgumentException>(() => new SqliteGroupCommit(_database, "test-writer", pipelined: false, WriteDurability.Process));
        Assert.Equal("durability", error.ParamName);
    }

    private static long Insert(SqliteCommandCache cache, int caller, int n)
    {
        var insert = cache.Get("INSERT INTO writes (caller, n) VALUES ($c, $n) RETURNING id", "$c", "$n");
        insert.Parameters[0].Value = caller;
        insert.Parameters[1].Value = n;
        return (long)insert.ExecuteScalar()!;
    }

    private static long Count(SqliteCommandCache cache) => (long)cache.Get("SELECT count(*) FROM writes").ExecuteScalar()!;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

namespace Nimbus.CloudWatch.Tests.Insights;

/// <summary>The query language's common case, run against events in a real store.</summary>
public sealed class InsightsQueryTests : IAsyncLifetime
{
    private const string Report = "REPORT RequestId: {0}\tDuration: {1} ms\tBilled Duration: {2} ms\tMemory Size: 128 MB\tMax Memory Used: {3} MB\t";

    private readonly InsightsHarness _insights = new();

    public async Task InitializeAsync()
    {
        await _insights.SeedAsync("g", "s1",
            (0, "START RequestId: r1 Version: $LATEST"),
            (1_000, "user=alice action=login status=200"),
            (2_000, string.Format(Report, "r1", "10.50", 11, 40) + "Init Duration: 120.25 ms\t"),
            (60_000, "user=bob action=logout status=500"),
            (61_000, string.Format(Report, "r2", "30.00", 30, 42)),
            (400_000, """{"level":"ERROR","ms":150,"user":{"name":"carol"},"tags":["a","b"]}"""),
            (401_000, """{"level":"INFO","ms":20,"user":{"name":"dave"}}"""),
            (402_000, string.Format(Report, "r3", "5.25", 6, 44)));
        await _insights.SeedAsync("g", "s2", (3_000, "user=alice action=view status=200"));
    }

    public async Task DisposeAsync() => await _insights.DisposeAsync();

    [Fact]
    public async Task WithoutFields_ShowsTimestampMessageAndPtr_NewestFirst()
    {
        var (rows, page) = await _insights.RunAsync("filter @message like 'alice'");

        Assert.Equal(["user=alice action=view status=200", "user=alice action=login status=200"], rows.Select(r => r["@message"]));
        Assert.Equal(["@timestamp", "@message", "@ptr"], rows[0].Keys);
        Assert.Equal("2026-11-26 12:00:03.000", rows[0]["@timestamp"]);
        Assert.Equal(2, page.RecordsMatched);
        Assert.Equal(9, page.RecordsScanned);
    }

    [Fact]
    public async Task LambdaReportFields_AreDiscoveredWithMemoryInBytes()
    {
        var (rows, _) = await _insights.RunAsync(
            "filter @type = \"REPORT\" | fields @requestId, @duration, @billedDuration, @memorySize, @maxMemoryUsed, @initDuration | sort @timestamp asc");

        Assert.Equal(["r1", "r2", "r3"], rows.Select(r => r["@requestId"]));
        Assert.Equal("10.5", rows[0]["@duration"]);
        Assert.Equal("11", rows[0]["@billedDuration"]);
        Assert.Equal("128000000", rows[0]["@memorySize"]);
        Assert.Equal("40000000", rows[0]["@maxMemoryUsed"]);
        Assert.Equal("120.25", rows[0]["@initDuration"]);
        Assert.False(rows[1].ContainsKey("@initDuration"));
    }

    [Fact]
    public async Task StatsByBin_AggregatesReportLinesPerFiveMinutes()
    {
        var (rows, page) = await _insights.RunAsync(
            "filter @type = \"REPORT\" | stats avg(@duration), max(@maxMemoryUsed), count(*) as n, pct(@duration, 50) as p50 by bin(5m)");

        Assert.Equal(2, rows.Count);
        Assert.Equal("2026-11-26 12:00:00.000", rows[0]["bin(5m)"]);
        Assert.Equal("20.25", rows[0]["avg(@duration)"]);
        Assert.Equal("42000000", rows[0]["max(@maxMemoryUsed)"]);
        Assert.Equal("2", rows[0]["n"]);
        Assert.Equal("10.5", rows[0]["p50"]);
        Assert.Equal("2026-11-26 12:05:00.000", rows[1]["bin(5m)"]);
        Assert.Equal("1", rows[1]["n"]);
        Assert.Equal(3, page.RecordsMatched);
        Assert.DoesNotContain(rows, r => r.ContainsKey("@ptr"));
    }

    [Fact]
    public async Task ParseGlob_ExtractsFieldsForStatsBy()
    {
        var (rows, _) = await _insights.RunAsync(
            "parse @message 'user=* action=* status=*' as user, action, status | filter ispresent(user) | stats count(*) as n, count_distinct(action) as actions by user | sort n desc");

        Assert.Equal(["alice", "bob"], rows.Select(r => r["user"]));
        Assert.Equal(["2", "1"], rows.Select(r => r["n"]));
        Assert.Equal("2", rows[0]["actions"]);
    }

    [Fact]
    public async Task ParseRegex_NamedGroupsBecomeFields()
    {
        var (rows, _) = await _insights.RunAsync(@"parse @message /status=(?<code>\d+)/ | filter code >= 500 | display code, @logStream");

        var row = Assert.Single(rows);
        Assert.Equal("500", row["code"]);
        Assert.Equal("s1", row["@logStream"]);
        Assert.Equal(["code", "@logStream", "@ptr"], row.Keys);
    }

    [Fact]
    public async Task JsonFields_AreDiscoveredAndFlattened()
    {
        var (rows, _) = await _insights.RunAsync("filter level = 'ERROR' and ms > 100 | fields user.name, tags.1, ms * 2 as double");

        var row = Assert.Single(rows);
        Assert.Equal("carol", row["user.name"]);
        Assert.Equal("b", row["tags.1"]);
        Assert.Equal("300", row["double"]);
    }

    [Theory]
    [InlineData("filter @message =~ /action=log(in|out)/", 2)]
    [InlineData("filter @message like /(?i)USER=ALICE/", 2)]
    [InlineData("filter @message not like 'alice' and @message like 'user='", 1)]
    [InlineData("parse 'user=* ' as who | filter who in ['bob', 'carol']", 1)]
    [InlineData("parse 'user=* ' as who | filter who not in ['bob']", 2)]
    [InlineData("filter strcontains(@message, 'logout') or level = 'INFO'", 2)]
    [InlineData("filter not ispresent(level) and not (@type = 'REPORT')", 4)]
    [InlineData("filter @logStream = 's2'", 1)]
    [InlineData("filter strlen(@message) > 120 and @message like 'REPORT' # comment", 1)]
    public async Task Filters_SelectTheExpectedEvents(string query, int expected)
    {
        var (rows, _) = await _insights.RunAsync(query);

        Assert.Equal(expected, rows.Count);
    }

    [Fact]
    public async Task SortLimitAndDedup_ApplyInOrder()
    {
        var (rows, page) = await _insights.RunAsync("parse 'user=* ' as who | filter ispresent(who) | sort @timestamp asc | dedup who | limit 5");

        Assert.Equal(["alice", "bob"], rows.Select(r => r["who"]));
        Assert.Equal("user=alice action=login status=200", rows[0]["@message"]);
        Assert.Equal(3, page.RecordsMatched);
    }

    [Fact]
    public async Task EarliestLatestMinMaxSum_OverAGroup()
    {
        var (rows, _) = await _insights.RunAsync(
            "filter @type = 'REPORT' | stats earliest(@requestId) as first, latest(@requestId) as last, min(@duration) as lo, sum(@billedDuration) as billed, max(@timestamp) as at");

        var row = Assert.Single(rows);
        Assert.Equal("r1", row["first"]);
        Assert.Equal("r3", row["last"]);
        Assert.Equal("5.25", row["lo"]);
        Assert.Equal("47", row["billed"]);
        Assert.Equal("2026-11-26 12:06:42.000", row["at"]);
    }

    [Fact]
    public async Task StatsItems_CanUseEarlierItemsAndArithmetic()
    {
        var (rows, _) = await _insights.RunAsync(
            "filter @type = 'REPORT' | stats max(@memorySize / 1000 / 1000) as provisioned, max(@maxMemoryUsed / 1000 / 1000) as used, provisioned - used as spare");

        Assert.Equal("84", Assert.Single(rows)["spare"]);
    }

    [Fact]
    public async Task MultipleGroups_AreReadTogether()
    {
        await _insights.SeedAsync("other", "x", (5_000, "user=erin action=login status=200"));

        var (rows, page) = await _insights.RunAsync("filter action = 'login' or @message like 'action=login' | fields @log", "g", "other");

        var account = Nimbus.Core.AwsScope.Default.AccountId;
        Assert.Equal([account + ":other", account + ":g"], rows.Select(r => r["@log"]));
        Assert.Equal(2, page.GroupsScanned);
    }

    [Fact]
    public async Task GetLogRecord_ReturnsEveryFieldOfThePointedEvent()
    {
        var (rows, _) = await _insights.RunAsync("filter @requestId = 'r2' and @type = 'REPORT'");

        var record = await _insights.Service.GetLogRecordAsync(InsightsHarness.Scope, rows.Single()["@ptr"], CancellationToken.None);

        Assert.Equal("30", record["@duration"]);
        Assert.Equal((InsightsHarness.T0 + 61_000).ToString(System.Globalization.CultureInfo.InvariantCulture), record["@timestamp"]);
        Assert.StartsWith("REPORT RequestId: r2", record["@message"]);
        Assert.Equal("s1", record["@logStream"]);
    }
}

using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.CloudWatch.Tests.Clients;

/// <summary>Logs Insights driven by boto3 and the AWS CLI: start, poll until Complete, read rows, pointers and errors.</summary>
public sealed class InsightsClientTests : IClassFixture<LogsHost>
{
    private const string Prelude = """
        import json, os, sys, time, boto3, botocore
        logs = boto3.client("logs", endpoint_url=os.environ["NIMBUS_ENDPOINT"])
        group = sys.argv[1]
        def wait(query_id):
            for _ in range(600):
                r = logs.get_query_results(queryId=query_id)
                if r["status"] not in ("Scheduled", "Running"):
                    return r
                time.sleep(0.05)
            raise Exception("query still " + r["status"])
        def rows(r):
            return [{f["field"]: f["value"] for f in row} for row in r["results"]]
        now = int(time.time())
        """;

    private readonly LogsHost _host;

    public InsightsClientTests(LogsHost host) => _host = host;

    [Fact]
    public async Task Boto3_StartQueryPollResults_StatsAndPointers()
    {
        var group = await SeedAsync();

        var output = await PythonAsync(group, """
            q = logs.start_query(logGroupName=group, startTime=now - 3600, endTime=now + 60,
                                 queryString='parse @message "level=* ms=*" as level, ms | filter ispresent(level) | stats count(*) as n, avg(ms) as avg_ms by level | sort level')
            r = wait(q["queryId"])
            listing = logs.get_query_results(queryId=q["queryId"])
            f = wait(logs.start_query(logGroupIdentifiers=[group], startTime=now - 3600, endTime=now + 60,
                                      queryString="fields @message | filter @message like 'ERROR' | limit 1")["queryId"])
            record = logs.get_log_record(logRecordPointer=rows(f)[0]["@ptr"])["logRecord"]
            described = logs.describe_queries(logGroupName=group)["queries"]
            print(json.dumps({"status": r["status"], "rows": rows(r), "stats": r["statistics"], "record": record,
                              "described": sorted(d["status"] for d in described), "fields": [x["field"] for x in f["results"][0]]}))
            """);

        Assert.Equal("Complete", output.GetProperty("status").GetString());
        var rows = output.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["ERROR", "INFO"], rows.Select(r => r.GetProperty("level").GetString()));
        Assert.Equal("2", rows[0].GetProperty("n").GetString());
        Assert.Equal("150", rows[0].GetProperty("avg_ms").GetString());
        Assert.Equal("3", rows[1].GetProperty("n").GetString());
        var stats = output.GetProperty("stats");
        Assert.Equal(5, stats.GetProperty("recordsMatched").GetDouble());
        Assert.Equal(6, stats.GetProperty("recordsScanned").GetDouble());
        Assert.True(stats.GetProperty("bytesScanned").GetDouble() > 0);
        Assert.Equal(["@message", "@ptr"], output.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("level=ERROR", output.GetProperty("record").GetProperty("@message").GetString());
        Assert.Equal("stream-b", output.GetProperty("record").GetProperty("@logStream").GetString());
        Assert.Equal(["Complete", "Complete"], output.GetProperty("described").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Boto3_MalformedQuery_RaisesMalformedQueryExceptionWithLocation()
    {
        var group = await SeedAsync();

        var output = await PythonAsync(group, """
            try:
                logs.start_query(logGroupName=group, startTime=now - 60, endTime=now, queryString="fields @message | sort")
                out = None
            except logs.exceptions.MalformedQueryException as e:
                out = {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"],
                       "compile": e.response.get("queryCompileError"), "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
            def code(call):
                try:
                    call()
                except botocore.exceptions.ClientError as e:
                    return e.response["Error"]["Code"]
            out["missing"] = code(lambda: logs.start_query(logGroupName=group + "-missing", startTime=now - 60, endTime=now, queryString="fields @message"))
            out["backwards"] = code(lambda: logs.start_query(logGroupName=group, startTime=now, endTime=now - 60, queryString="fields @message"))
            out["nogroup"] = code(lambda: logs.start_query(startTime=now - 60, endTime=now, queryString="fields @message"))
            out["unknown"] = code(lambda: logs.get_query_results(queryId="00000000-0000-0000-0000-000000000000"))
            done = logs.start_query(logGroupName=group, startTime=now - 60, endTime=now + 60, queryString="fields @message")["queryId"]
            wait(done)
            out["stopDone"] = code(lambda: logs.stop_query(queryId=done))
            print(json.dumps(out))
            """);

        Assert.Equal("MalformedQueryException", output.GetProperty("code").GetString());
        Assert.Equal(400, output.GetProperty("status").GetInt32());
        Assert.Equal("unexpected symbol found <EOF> at line 1 and position 22", output.GetProperty("message").GetString());
        Assert.Equal(22, output.GetProperty("compile").GetProperty("location").GetProperty("startCharOffset").GetInt32());
        Assert.Equal("ResourceNotFoundException", output.GetProperty("missing").GetString());
        Assert.Equal("InvalidParameterException", output.GetProperty("backwards").GetString());
        Assert.Equal("InvalidParameterException", output.GetProperty("nogroup").GetString());
        Assert.Equal("ResourceNotFoundException", output.GetProperty("unknown").GetString());
        Assert.Equal("InvalidParameterException", output.GetProperty("stopDone").GetString());
    }

    [Fact]
    public async Task AwsCli_StartQueryAndGetQueryResults()
    {
        var group = await SeedAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var started = await ClientProcess.AwsCliAsync(_host.Endpoint, "logs", "start-query", "--log-group-name", group,
            "--start-time", (now - 3600).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--end-time", (now + 60).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--query-string", "filter @message like /level=INFO/ | stats count(*) as n by @logStream | sort @logStream");
        var queryId = JsonDocument.Parse(started.EnsureSuccess("aws logs start-query").Stdout).RootElement.GetProperty("queryId").GetString()!;
        JsonElement result = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var polled = await ClientProcess.AwsCliAsync(_host.Endpoint, "logs", "get-query-results", "--query-id", queryId);
            result = JsonDocument.Parse(polled.EnsureSuccess("aws logs get-query-results").Stdout).RootElement.Clone();
            if (result.GetProperty("status").GetString() is not ("Scheduled" or "Running"))
            {
                break;
            }
        }
        var malformed = await ClientProcess.AwsCliAsync(_host.Endpoint, "logs", "start-query", "--log-group-name", group,
            "--start-time", "0", "--end-time", "1", "--query-string", "stats count(*) by");

        Assert.Equal("Complete", result.GetProperty("status").GetString());
        var rows = result.GetProperty("results").EnumerateArray()
            .Select(row => row.EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!, f => f.GetProperty("value").GetString()!)).ToList();
        Assert.Equal(["stream-a", "stream-b"], rows.Select(r => r["@logStream"]));
        Assert.Equal(["2", "1"], rows.Select(r => r["n"]));
        Assert.NotEqual(0, malformed.ExitCode);
        Assert.Contains("(MalformedQueryException)", malformed.Stderr);
        Assert.Contains("unexpected symbol found <EOF>", malformed.Stderr);
    }

    private async Task<JsonElement> PythonAsync(string group, string body)
    {
        var result = await ClientProcess.PythonAsync(_host.Endpoint, Prelude + "\n" + body, group);
        return JsonDocument.Parse(result.EnsureSuccess("python3 boto3 script").Stdout).RootElement.Clone();
    }

    private async Task<string> SeedAsync()
    {
        var group = "/insights/" + Guid.NewGuid().ToString("N")[..12];
        var ingestion = _host.Services.GetRequiredService<ILogIngestion>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 120_000;
        ingestion.Append(AwsScope.Default, group, "stream-a", [
            new LogRecord(now, "level=INFO ms=10"),
            new LogRecord(now + 1_000, "level=ERROR ms=100"),
            new LogRecord(now + 2_000, "level=INFO ms=30"),
            new LogRecord(now + 3_000, "no level here"),
        ]);
        ingestion.Append(AwsScope.Default, group, "stream-b", [
            new LogRecord(now + 1_500, "level=ERROR ms=200"),
            new LogRecord(now + 2_500, "level=INFO ms=50"),
        ]);
        await ingestion.FlushAsync();
        return group;
    }
}

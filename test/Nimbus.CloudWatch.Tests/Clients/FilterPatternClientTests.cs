using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.CloudWatch.Tests.Clients;

/// <summary>Structured filter patterns through the AWS CLI, with paging, and AWS's error for a malformed pattern.</summary>
public sealed class FilterPatternClientTests : IClassFixture<LogsHost>
{
    private readonly LogsHost _host;

    public FilterPatternClientTests(LogsHost host) => _host = host;

    [Fact]
    public async Task FilterLogEvents_JsonAndSpaceDelimitedPatterns_ReturnOnlyMatchingEventsAcrossPages()
    {
        var group = "/test/patterns-" + Guid.NewGuid().ToString("N")[..8];
        var ingestion = _host.Services.GetRequiredService<ILogIngestion>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var records = Enumerable.Range(0, 20).Select(i => new LogRecord(now + i, i % 2 == 0
            ? $$"""{"level": "{{(i % 4 == 0 ? "ERROR" : "INFO")}}", "ms": {{i * 10}}}"""
            : $"10.0.0.{i} GET /p{i} {(i % 3 == 0 ? 500 : 200)} {i * 100}")).ToList();
        ingestion.Append(AwsScope.Default, group, "s1", records);
        await ingestion.FlushAsync();

        var json = await FilterAsync(group, """{ $.level = "ERROR" && $.ms > 50 }""");
        var delimited = await FilterAsync(group, "[ip, method, path, status = 5*, bytes]");

        // ERROR at i = 0, 4, 8, 12, 16 with ms = 10 i > 50: i = 8, 12, 16.
        Assert.Equal(["8", "12", "16"], json.Select(m => JsonDocument.Parse(m).RootElement.GetProperty("ms").GetInt32() / 10 + ""));
        // Odd i with i % 3 == 0: 3, 9, 15.
        Assert.Equal(["10.0.0.3", "10.0.0.9", "10.0.0.15"], delimited.Select(m => m.Split(' ')[0]));
    }

    [Fact]
    public async Task FilterLogEvents_MalformedPattern_IsInvalidParameterException()
    {
        var group = "/test/bad-pattern-" + Guid.NewGuid().ToString("N")[..8];
        (await ClientProcess.AwsCliAsync(_host.Endpoint, "logs", "create-log-group", "--log-group-name", group)).EnsureSuccess("create-log-group");

        var result = await ClientProcess.AwsCliAsync(_host.Endpoint, "logs", "filter-log-events", "--log-group-name", group, "--filter-pattern", "{ $.ms > }");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidParameterException", result.Stderr);
    }

    private async Task<List<string>> FilterAsync(string group, string pattern)
    {
        var result = (await ClientProcess.AwsCliAsync(_host.Endpoint, "logs", "filter-log-events", "--log-group-name", group,
            "--filter-pattern", pattern, "--page-size", "2")).EnsureSuccess("filter-log-events " + pattern);
        return JsonDocument.Parse(result.Stdout).RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
    }
}

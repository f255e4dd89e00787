using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Nimbus.Lambda.Tests.Infrastructure;

namespace Nimbus.Lambda.Tests;

public sealed class FunctionLifecycleTests : IAsyncLifetime
{
    private LambdaTestHost _host = null!;

    public async Task InitializeAsync() => _host = await LambdaTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CreateFunction_ReturnsPendingConfiguration_ThenBecomesActive()
    {
        var zip = TestZips.Python();
        var (status, body, _) = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions", LambdaTestHost.CreateRequest("hello", zip));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("Pending", body!["State"]!.GetValue<string>());
        Assert.Equal("Creating", body["StateReasonCode"]!.GetValue<string>());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:hello", body["FunctionArn"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(zip)), body["CodeSha256"]!.GetValue<string>());
        Assert.Equal(zip.Length, body["CodeSize"]!.GetValue<long>());
        Assert.Equal("$LATEST", body["Version"]!.GetValue<string>());
        Assert.Equal("Zip", body["PackageType"]!.GetValue<string>());
        Assert.Equal(128, body["MemorySize"]!.GetValue<int>());
        Assert.Equal(3, body["Timeout"]!.GetValue<int>());
        Assert.Equal("/aws/lambda/hello", body["LoggingConfig"]!["LogGroup"]!.GetValue<string>());
        Assert.Equal("Text", body["LoggingConfig"]!["LogFormat"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$", body["LastModified"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f-]{36}$", body["RevisionId"]!.GetValue<string>());

        await _host.WaitSettledAsync("hello");
        var (_, config, _) = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/hello/configuration");
        Assert.Equal("Active", config!["State"]!.GetValue<string>());
        Assert.Equal("Successful", config["LastUpdateStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateFunction_WhenNameExists_ReturnsResourceConflict()
    {
        await _host.CreateFunctionAsync("dup");
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions", LambdaTestHost.CreateRequest("dup"));
        ResponseAssert.Error(result, HttpStatusCode.Conflict, "ResourceConflictException", "Function already exist: dup");
        Assert.Equal("User", result.Body!["Type"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetFunction_ReturnsCodeLocationThatDownloadsTheZip()
    {
        var zip = TestZips.Python("def handler(e, c):\n    return 42\n");
        await _host.CreateFunctionAsync("download", r => r["Code"]!["ZipFile"] = Convert.ToBase64String(zip));
        await _host.CallAsync(HttpMethod.Put, "/2017-10-31/functions/download/concurrency", "{\"ReservedConcurrentExecutions\": 5}");

        var (status, body, _) = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/download");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("S3", body!["Code"]!["RepositoryType"]!.GetValue<string>());
        Assert.Equal(5, body["Concurrency"]!["ReservedConcurrentExecutions"]!.GetValue<int>());
        var location = body["Code"]!["Location"]!.GetValue<string>();
        var downloaded = await new HttpClient().GetByteArrayAsync(location);
        Assert.Equal(zip, downloaded);
    }

    [Fact]
    public async Task GetFunction_OfUnknownFunction_ReturnsResourceNotFoundWithArn()
    {
        var result = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/nope");
        ResponseAssert.Error(result, HttpStatusCode.NotFound, "ResourceNotFoundException",
            "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope");
    }

    [Fact]
    public async Task GetFunction_AcceptsFullAndPartialArns()
    {
        await _host.CreateFunctionAsync("arnish");
        var full = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/" + Uri.EscapeDataString("arn:aws:lambda:us-east-1:000000000000:function:arnish"));
        var partial = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/" + Uri.EscapeDataString("000000000000:function:arnish"));
        Assert.Equal(HttpStatusCode.OK, full.Status);
        Assert.Equal(HttpStatusCode.OK, partial.Status);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_ChangesRevisionAndReportsInProgress()
    {
        var created = await _host.CreateFunctionAsync("cfg");
        var update = new JsonObject
        {
            ["MemorySize"] = 512,
            ["Timeout"] = 30,
            ["Description"] = "updated",
            ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["GREETING"] = "hi" } },
            ["EphemeralStorage"] = new JsonObject { ["Size"] = 1024 },
        };

        var (status, body, _) = await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/cfg/configuration", update);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("InProgress", body!["LastUpdateStatus"]!.GetValue<string>());
        Assert.Equal(512, body["MemorySize"]!.GetValue<int>());
        Assert.Equal(30, body["Timeout"]!.GetValue<int>());
        Assert.Equal("hi", body["Environment"]!["Variables"]!["GREETING"]!.GetValue<string>());
        Assert.Equal(1024, body["EphemeralStorage"]!["Size"]!.GetValue<int>());
        Assert.NotEqual(created["RevisionId"]!.GetValue<string>(), body["RevisionId"]!.GetValue<string>());
        Assert.Contains("000000000000/us-east-1/cfg", _host.Engine.Retired);
        await _host.WaitSettledAsync("cfg");
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_WhileAnUpdateIsInProgress_ReturnsConflict()
    {
        await _host.CreateFunctionAsync("busy");
        var hold = new TaskCompletionSource();
        _host.Service.SettleGate = hold.Task;
        try
        {
            var (first, _, _) = await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/busy/configuration", "{\"Timeout\": 10}");
            Assert.Equal(HttpStatusCode.OK, first);
            var second = await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/busy/code",
                new JsonObject { ["ZipFile"] = Convert.ToBase64String(TestZips.Python("x = 2\n")) });
            ResponseAssert.Error(second, HttpStatusCode.Conflict, "ResourceConflictException",
                "The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:000000000000:function:busy");
            var publish = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/busy/versions", "{}");
            ResponseAssert.Error(publish, HttpStatusCode.Conflict, "ResourceConflictException");
        }
        finally
        {
            hold.SetResult();
        }
        await _host.WaitSettledAsync("busy");
        var (third, _, _) = await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/busy/configuration", "{\"Timeout\": 20}");
        Assert.Equal(HttpStatusCode.OK, third);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_WithStaleRevisionId_ReturnsPreconditionFailed()
    {
        await _host.CreateFunctionAsync("rev");
        var result = await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/rev/configuration",
            "{\"Description\": \"x\", \"RevisionId\": \"00000000-0000-0000-0000-000000000000\"}");
        ResponseAssert.Error(result, HttpStatusCode.PreconditionFailed, "PreconditionFailedException");
    }

    [Fact]
    public async Task UpdateFunctionCode_ChangesShaAndPublishReturnsNewVersion()
    {
        await _host.CreateFunctionAsync("code");
        var zip = TestZips.Python("def handler(e, c):\n    return 'v2'\n");
        var update = new JsonObject { ["ZipFile"] = Convert.ToBase64String(zip), ["Publish"] = true };

        var (status, body, _) = await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/code/code", update);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1", body!["Version"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(zip)), body["CodeSha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateFunctionCode_DryRun_ChangesNothing()
    {
        var created = await _host.CreateFunctionAsync("dry");
        var zip = TestZips.Python("def handler(e, c):\n    return 'v2'\n");
        var (status, _, _) = await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/dry/code",
            new JsonObject { ["ZipFile"] = Convert.ToBase64String(zip), ["DryRun"] = true });
        var (_, config, _) = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/dry/configuration");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(created["CodeSha256"]!.GetValue<string>(), config!["CodeSha256"]!.GetValue<string>());
        Assert.Equal(created["RevisionId"]!.GetValue<string>(), config["RevisionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListFunctions_PaginatesWithMarker()
    {
        foreach (var name in new[] { "a1", "a2", "a3" })
        {
            await _host.CreateFunctionAsync(name);
        }
        var (_, first, _) = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions?MaxItems=2");
        Assert.Equal(2, first!["Functions"]!.AsArray().Count);
        var marker = first["NextMarker"]!.GetValue<string>();
        var (_, second, _) = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions?MaxItems=2&Marker=" + Uri.EscapeDataString(marker));
        Assert.Single(second!["Functions"]!.AsArray());
        Assert.Equal("a3", second["Functions"]![0]!["FunctionName"]!.GetValue<string>());
        // As on AWS, the state fields are only in GetFunction/GetFunctionConfiguration.
        Assert.Null(second["Functions"]![0]!["State"]);
        Assert.Null(second["NextMarker"]);
    }

    [Fact]
    public async Task ListFunctions_WithFunctionVersionAll_IncludesPublishedVersions()
    {
        await _host.CreateFunctionAsync("lv", r => r["Publish"] = true);
        var (_, body, _) = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions?FunctionVersion=ALL");
        var versions = body!["Functions"]!.AsArray().Select(f => f!["Version"]!.GetValue<string>()).ToList();
        Assert.Equal(["$LATEST", "1"], versions);
    }

    [Fact]
    public async Task DeleteFunction_RemovesItAndRetiresItsPools()
    {
        await _host.CreateFunctionAsync("gone");
        var (status, _, _) = await _host.CallAsync(HttpMethod.Delete, "/2015-03-31/functions/gone");
        Assert.Equal(HttpStatusCode.NoContent, status);
        var after = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/gone");
        ResponseAssert.Error(after, HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Contains("000000000000/us-east-1/gone", _host.Engine.Retired);
    }

    [Fact]
    public async Task DeleteFunction_WithQualifier_DeletesOnlyThatVersion()
    {
        await _host.CreateFunctionAsync("vdel", r => r["Publish"] = true);
        var (status, _, _) = await _host.CallAsync(HttpMethod.Delete, "/2015-03-31/functions/vdel?Qualifier=1");
        Assert.Equal(HttpStatusCode.NoContent, status);
        var version = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/vdel/configuration?Qualifier=1");
        ResponseAssert.Error(version, HttpStatusCode.NotFound, "ResourceNotFoundException",
            "Function not found: arn:aws:lambda:us-east-1:000000000000:function:vdel:1");
        var latest = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/vdel");
        Assert.Equal(HttpStatusCode.OK, latest.Status);
    }

    [Fact]
    public async Task DeleteFunction_WithLatestQualifier_IsRejected()
    {
        await _host.CreateFunctionAsync("keep");
        var result = await _host.CallAsync(HttpMethod.Delete, "/2015-03-31/functions/keep?Qualifier=$LATEST");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "InvalidParameterValueException");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task CreateFunction_KeepsExecuteBitsWhenUnpacking()
    {
        var zip = TestZips.Build(("bootstrap", "#!/bin/sh\necho hi\n", Convert.ToInt32("755", 8)), ("data.txt", "x", Convert.ToInt32("644", 8)));
        await _host.CreateFunctionAsync("custom", r =>
        {
            r["Runtime"] = "provided.al2023";
            r["Handler"] = "bootstrap";
            r["Code"]!["ZipFile"] = Convert.ToBase64String(zip);
        });
        await _host.InvokeAsync("custom");
        var spec = _host.Engine.Calls.Single().Spec;
        var mode = File.GetUnixFileMode(Path.Combine(spec.CodeDirectory, "bootstrap"));
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.GetUnixFileMode(Path.Combine(spec.CodeDirectory, "data.txt")).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public async Task GetAccountSettings_ReportsLimitsAndUsage()
    {
        await _host.CreateFunctionAsync("acct");
        await _host.CallAsync(HttpMethod.Put, "/2017-10-31/functions/acct/concurrency", "{\"ReservedConcurrentExecutions\": 100}");
        var (status, body, _) = await _host.CallAsync(HttpMethod.Get, "/2016-08-19/account-settings");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1000, body!["AccountLimit"]!["ConcurrentExecutions"]!.GetValue<int>());
        Assert.Equal(900, body["AccountLimit"]!["UnreservedConcurrentExecutions"]!.GetValue<int>());
        Assert.Equal(52428800, body["AccountLimit"]!["CodeSizeZipped"]!.GetValue<long>());
        Assert.Equal(1, body["AccountUsage"]!["FunctionCount"]!.GetValue<long>());
        Assert.True(body["AccountUsage"]!["TotalCodeSize"]!.GetValue<long>() > 0);
    }
}

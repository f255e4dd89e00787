using System.Net;
using System.Text.Json.Nodes;
using Nimbus.Lambda.Tests.Infrastructure;

namespace Nimbus.Lambda.Tests;

/// <summary>Put/Get/Update/Delete/ListFunctionEventInvokeConfig(s): shapes, AWS's validation and persistence.</summary>
public sealed class EventInvokeConfigTests : IAsyncLifetime
{
    private const string Path = "/2019-09-25/functions/{0}/event-invoke-config";
    private const string Arn = "arn:aws:lambda:us-east-1:000000000000:function:";
    private LambdaTestHost _host = null!;

    public async Task InitializeAsync() => _host = await LambdaTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string ConfigPath(string name, string? qualifier = null) =>
        string.Format(Path, name) + (qualifier is null ? "" : "?Qualifier=" + Uri.EscapeDataString(qualifier));

    [Fact]
    public async Task Put_Get_Update_List_Delete_RoundTrip()
    {
        await _host.CreateFunctionAsync("eic");
        await _host.CreateFunctionAsync("eic-target");

        var (status, put, _) = await _host.CallAsync(HttpMethod.Put, ConfigPath("eic"),
            new JsonObject
            {
                ["MaximumRetryAttempts"] = 1,
                ["DestinationConfig"] = new JsonObject { ["OnFailure"] = new JsonObject { ["Destination"] = Arn + "eic-target" } },
            });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Arn + "eic:$LATEST", put!["FunctionArn"]!.GetValue<string>());
        Assert.Equal(1, put["MaximumRetryAttempts"]!.GetValue<int>());
        Assert.Null(put["MaximumEventAgeInSeconds"]);
        Assert.Equal(Arn + "eic-target", put["DestinationConfig"]!["OnFailure"]!["Destination"]!.GetValue<string>());
        Assert.NotNull(put["DestinationConfig"]!["OnSuccess"]);
        Assert.True(put["LastModified"]!.GetValue<double>() > 1_700_000_000);

        // Update changes only what it is given.
        var (_, updated, _) = await _host.CallAsync(HttpMethod.Post, ConfigPath("eic"), """{"MaximumEventAgeInSeconds": 3600}""");
        Assert.Equal(1, updated!["MaximumRetryAttempts"]!.GetValue<int>());
        Assert.Equal(3600, updated["MaximumEventAgeInSeconds"]!.GetValue<int>());
        Assert.Equal(Arn + "eic-target", updated["DestinationConfig"]!["OnFailure"]!["Destination"]!.GetValue<string>());

        // Put replaces the whole configuration.
        await _host.CallAsync(HttpMethod.Put, ConfigPath("eic"), """{"MaximumEventAgeInSeconds": 120}""");
        var (_, got, _) = await _host.CallAsync(HttpMethod.Get, ConfigPath("eic"));
        Assert.Null(got!["MaximumRetryAttempts"]);
        Assert.Equal(120, got["MaximumEventAgeInSeconds"]!.GetValue<int>());
        Assert.Null(got["DestinationConfig"]!["OnFailure"]!["Destination"]);

        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/eic/versions", "{}");
        await _host.CallAsync(HttpMethod.Put, ConfigPath("eic", "1"), """{"MaximumRetryAttempts": 0}""");
        var (_, list, _) = await _host.CallAsync(HttpMethod.Get, "/2019-09-25/functions/eic/event-invoke-config/list");
        var arns = list!["FunctionEventInvokeConfigs"]!.AsArray().Select(c => c!["FunctionArn"]!.GetValue<string>()).ToList();
        Assert.Equal([Arn + "eic:$LATEST", Arn + "eic:1"], arns);
        var (_, page, _) = await _host.CallAsync(HttpMethod.Get, "/2019-09-25/functions/eic/event-invoke-config/list?MaxItems=1");
        Assert.Single(page!["FunctionEventInvokeConfigs"]!.AsArray());
        Assert.NotNull(page["NextMarker"]);

        var (deleted, _, _) = await _host.CallAsync(HttpMethod.Delete, ConfigPath("eic"));
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        ResponseAssert.Error(await _host.CallAsync(HttpMethod.Get, ConfigPath("eic")), HttpStatusCode.NotFound, "ResourceNotFoundException",
            $"The function {Arn}eic:$LATEST doesn't have an EventInvokeConfig");
        // Deleting the version deletes its configuration with it.
        await _host.CallAsync(HttpMethod.Delete, "/2015-03-31/functions/eic?Qualifier=1");
        var (_, empty, _) = await _host.CallAsync(HttpMethod.Get, "/2019-09-25/functions/eic/event-invoke-config/list");
        Assert.Empty(empty!["FunctionEventInvokeConfigs"]!.AsArray());
    }

    [Fact]
    public async Task Put_ByAliasInFunctionName_AppliesToTheAlias()
    {
        await _host.CreateFunctionAsync("aliased");
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/aliased/versions", "{}");
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/aliased/aliases", """{"Name": "live", "FunctionVersion": "1"}""");
        var (status, put, _) = await _host.CallAsync(HttpMethod.Put, string.Format(Path, "aliased:live"), """{"MaximumRetryAttempts": 2}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Arn + "aliased:live", put!["FunctionArn"]!.GetValue<string>());
        var (_, got, _) = await _host.CallAsync(HttpMethod.Get, ConfigPath("aliased", "live"));
        Assert.Equal(2, got!["MaximumRetryAttempts"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"MaximumRetryAttempts": 3}""", "1 validation error detected: Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2")]
    [InlineData("""{"MaximumEventAgeInSeconds": 59}""", "1 validation error detected: Value '59' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60")]
    [InlineData("""{"MaximumEventAgeInSeconds": 21601}""", "1 validation error detected: Value '21601' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value less than or equal to 21600")]
    public async Task Put_OutOfRange_ReturnsValidationException(string body, string message)
    {
        await _host.CreateFunctionAsync("ranges");
        ResponseAssert.Error(await _host.CallAsync(HttpMethod.Put, ConfigPath("ranges"), body), HttpStatusCode.BadRequest, "ValidationException", message);
    }

    [Fact]
    public async Task Put_Nothing_ReturnsInvalidParameterValue()
    {
        await _host.CreateFunctionAsync("nothing");
        ResponseAssert.Error(await _host.CallAsync(HttpMethod.Put, ConfigPath("nothing"), "{}"), HttpStatusCode.BadRequest,
            "InvalidParameterValueException", "You must specify at least one of error handling or destination setting.");
    }

    [Fact]
    public async Task Put_UnknownFunctionOrQualifier_ReturnsNotFound()
    {
        await _host.CreateFunctionAsync("known");
        ResponseAssert.Error(await _host.CallAsync(HttpMethod.Put, ConfigPath("unknown"), """{"MaximumRetryAttempts": 1}"""),
            HttpStatusCode.NotFound, "ResourceNotFoundException", "The function doesn't exist.");
        ResponseAssert.Error(await _host.CallAsync(HttpMethod.Put, ConfigPath("known", "7"), """{"MaximumRetryAttempts": 1}"""),
            HttpStatusCode.NotFound, "ResourceNotFoundException", "The function doesn't exist.");
        ResponseAssert.Error(await _host.CallAsync(HttpMethod.Post, ConfigPath("known"), """{"MaximumRetryAttempts": 1}"""),
            HttpStatusCode.NotFound, "ResourceNotFoundException", $"The function {Arn}known:$LATEST doesn't have an EventInvokeConfig");
        ResponseAssert.Error(await _host.CallAsync(HttpMethod.Delete, ConfigPath("known")),
            HttpStatusCode.NotFound, "ResourceNotFoundException", $"The function {Arn}known:$LATEST doesn't have an EventInvokeConfig");
    }

    [Fact]
    public async Task Put_BadDestinations_ReturnAwsErrors()
    {
        await _host.CreateFunctionAsync("dest");
        ResponseAssert.Error(await PutDestinationAsync("dest", "OnFailure", Arn + "dest"), HttpStatusCode.BadRequest,
            "InvalidParameterValueException", "You can't specify the function as a destination for itself.");
        ResponseAssert.Error(await PutDestinationAsync("dest", "OnFailure", Arn + "missing"), HttpStatusCode.BadRequest,
            "InvalidParameterValueException", $"The destination ARN {Arn}missing is invalid.");
        ResponseAssert.Error(await PutDestinationAsync("dest", "OnSuccess", "arn:aws:s3:::bucket"), HttpStatusCode.BadRequest,
            "InvalidParameterValueException", "The provided destination config DestinationConfig(onSuccess=OnSuccess(destination=arn:aws:s3:::bucket), onFailure=null) is invalid.");
        ResponseAssert.Error(await PutDestinationAsync("dest", "OnFailure", "arn:aws:dynamodb:us-east-1:000000000000:table/t"), HttpStatusCode.BadRequest,
            "InvalidParameterValueException");
        ResponseAssert.Error(await PutDestinationAsync("dest", "OnFailure", "not-an-arn"), HttpStatusCode.BadRequest, "ValidationException");
        // Queues, topics, buses and (on failure) buckets are accepted and stored.
        var (status, body, _) = await PutDestinationAsync("dest", "OnFailure", "arn:aws:sqs:us-east-1:000000000000:dlq");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("arn:aws:sqs:us-east-1:000000000000:dlq", body!["DestinationConfig"]!["OnFailure"]!["Destination"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await PutDestinationAsync("dest", "OnFailure", "arn:aws:s3:::failures")).Status);
        Assert.Equal(HttpStatusCode.OK, (await PutDestinationAsync("dest", "OnSuccess", "arn:aws:sns:us-east-1:000000000000:topic")).Status);
    }

    [Fact]
    public async Task EventInvokeConfig_SurvivesRestart()
    {
        await _host.CreateFunctionAsync("kept");
        await _host.CallAsync(HttpMethod.Put, ConfigPath("kept"), """{"MaximumRetryAttempts": 0, "MaximumEventAgeInSeconds": 600}""");
        await _host.RestartAsync();
        var (_, got, _) = await _host.CallAsync(HttpMethod.Get, ConfigPath("kept"));
        Assert.Equal(0, got!["MaximumRetryAttempts"]!.GetValue<int>());
        Assert.Equal(600, got["MaximumEventAgeInSeconds"]!.GetValue<int>());
    }

    [Fact]
    public async Task DeadLetterConfig_IsStoredReportedAndCleared()
    {
        var queue = "arn:aws:sqs:us-east-1:000000000000:dead-letters";
        var created = await _host.CreateFunctionAsync("dlq", r => r["DeadLetterConfig"] = new JsonObject { ["TargetArn"] = queue });
        Assert.Equal(queue, created["DeadLetterConfig"]!["TargetArn"]!.GetValue<string>());
        var (_, config, _) = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions/dlq/configuration");
        Assert.Equal(queue, config!["DeadLetterConfig"]!["TargetArn"]!.GetValue<string>());

        ResponseAssert.Error(await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/dlq/configuration",
            """{"DeadLetterConfig": {"TargetArn": "arn:aws:lambda:us-east-1:000000000000:function:other"}}"""), HttpStatusCode.BadRequest, "InvalidParameterValueException");
        var (_, cleared, _) = await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/dlq/configuration", """{"DeadLetterConfig": {"TargetArn": ""}}""");
        Assert.Null(cleared!["DeadLetterConfig"]);
    }

    private Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PutDestinationAsync(string name, string member, string destination) =>
        _host.CallAsync(HttpMethod.Put, ConfigPath(name), new JsonObject
        {
            ["DestinationConfig"] = new JsonObject { [member] = new JsonObject { ["Destination"] = destination } },
        });
}

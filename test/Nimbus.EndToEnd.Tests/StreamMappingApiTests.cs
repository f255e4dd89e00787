using Microsoft.Extensions.DependencyInjection;
using Nimbus.Lambda.EventSources;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// CreateEventSourceMapping / Get / List / Update / Delete for DynamoDB streams through boto3 and the AWS CLI: the
/// shapes of botocore's model, the state machine, and AWS's errors for each mistake.
/// </summary>
public sealed class StreamMappingApiTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task Boto3_CreateGetListUpdateDelete_FollowsAwsShapesAndStates()
    {
        var result = await server.Boto3.RunAsync(StreamMappingScripts.Helpers + """
            table, stream = make_table()
            fn = make_function({"app.py": "def handler(e, c):\n    return None\n"})
            fn2 = make_function({"app.py": "def handler(e, c):\n    return None\n"})
            created = lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=fn, StartingPosition="LATEST")
            uuid = created["UUID"]
            enabled = wait_state(uuid, "Enabled")
            second = lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=fn2, StartingPosition="TRIM_HORIZON", BatchSize=10,
                MaximumBatchingWindowInSeconds=5, MaximumRetryAttempts=3, MaximumRecordAgeInSeconds=3600, BisectBatchOnFunctionError=True,
                ParallelizationFactor=2, FunctionResponseTypes=["ReportBatchItemFailures"], Enabled=False,
                FilterCriteria={"Filters": [{"Pattern": json.dumps({"eventName": ["INSERT"]})}]},
                DestinationConfig={"OnFailure": {"Destination": "arn:aws:s3:::esm-dlq"}})
            disabled = wait_state(second["UUID"], "Disabled")
            by_source = lam.list_event_source_mappings(EventSourceArn=stream)["EventSourceMappings"]
            by_function = lam.list_event_source_mappings(FunctionName=fn2)["EventSourceMappings"]
            page1 = lam.list_event_source_mappings(EventSourceArn=stream, MaxItems=1)
            page2 = lam.list_event_source_mappings(EventSourceArn=stream, MaxItems=1, Marker=page1["NextMarker"])
            updated = lam.update_event_source_mapping(UUID=uuid, BatchSize=50, MaximumRetryAttempts=2)
            after_update = wait_state(uuid, "Enabled")
            disabling = lam.update_event_source_mapping(UUID=uuid, Enabled=False)
            wait_state(uuid, "Disabled")
            deleted = lam.delete_event_source_mapping(UUID=uuid)
            end = time.time() + 30
            gone = None
            while gone is None and time.time() < end:
                gone = error_of(lambda: lam.get_event_source_mapping(UUID=uuid))
                time.sleep(0.2)
            strip = lambda m: {k: v for k, v in m.items() if k != "ResponseMetadata" and k != "LastModified"}
            print(json.dumps({"created": strip(created), "status": created["ResponseMetadata"]["HTTPStatusCode"], "enabled": strip(enabled),
                              "second": strip(disabled), "by_source": len(by_source), "by_function": [m["UUID"] for m in by_function],
                              "second_uuid": second["UUID"], "page1": len(page1["EventSourceMappings"]), "page2": len(page2["EventSourceMappings"]),
                              "page2_next": page2.get("NextMarker"), "updated": updated["State"], "after_update": strip(after_update),
                              "disabling": disabling["State"], "deleted": deleted["State"], "gone": gone, "stream": stream, "fn": fn,
                              "modified_type": type(created["LastModified"]).__name__}))
            """);

        var created = result.GetProperty("created");
        var stream = result.GetProperty("stream").GetString();
        Assert.Equal(202, result.GetProperty("status").GetInt32());
        Assert.Equal("Creating", created.GetProperty("State").GetString());
        Assert.Equal("User action", created.GetProperty("StateTransitionReason").GetString());
        Assert.Equal(100, created.GetProperty("BatchSize").GetInt32());
        Assert.Equal(0, created.GetProperty("MaximumBatchingWindowInSeconds").GetInt32());
        Assert.Equal(1, created.GetProperty("ParallelizationFactor").GetInt32());
        Assert.Equal(-1, created.GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.Equal(-1, created.GetProperty("MaximumRecordAgeInSeconds").GetInt32());
        Assert.False(created.GetProperty("BisectBatchOnFunctionError").GetBoolean());
        Assert.Equal("LATEST", created.GetProperty("StartingPosition").GetString());
        Assert.Equal(stream, created.GetProperty("EventSourceArn").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:" + result.GetProperty("fn").GetString(), created.GetProperty("FunctionArn").GetString());
        Assert.Equal("No records processed", created.GetProperty("LastProcessingResult").GetString());
        Assert.StartsWith("arn:aws:lambda:us-east-1:000000000000:event-source-mapping:", created.GetProperty("EventSourceMappingArn").GetString());
        Assert.Equal("datetime", result.GetProperty("modified_type").GetString());
        Assert.Equal("Enabled", result.GetProperty("enabled").GetProperty("State").GetString());

        var second = result.GetProperty("second");
        Assert.Equal(10, second.GetProperty("BatchSize").GetInt32());
        Assert.Equal(5, second.GetProperty("MaximumBatchingWindowInSeconds").GetInt32());
        Assert.Equal(3, second.GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.Equal(3600, second.GetProperty("MaximumRecordAgeInSeconds").GetInt32());
        Assert.Equal(2, second.GetProperty("ParallelizationFactor").GetInt32());
        Assert.True(second.GetProperty("BisectBatchOnFunctionError").GetBoolean());
        Assert.Equal("ReportBatchItemFailures", second.GetProperty("FunctionResponseTypes")[0].GetString());
        Assert.Equal("{\"eventName\": [\"INSERT\"]}", second.GetProperty("FilterCriteria").GetProperty("Filters")[0].GetProperty("Pattern").GetString());
        Assert.Equal("arn:aws:s3:::esm-dlq", second.GetProperty("DestinationConfig").GetProperty("OnFailure").GetProperty("Destination").GetString());

        Assert.Equal(2, result.GetProperty("by_source").GetInt32());
        Assert.Equal([result.GetProperty("second_uuid").GetString()!], result.GetProperty("by_function").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(1, result.GetProperty("page1").GetInt32());
        Assert.Equal(1, result.GetProperty("page2").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("page2_next").ValueKind);
        Assert.Equal("Updating", result.GetProperty("updated").GetString());
        Assert.Equal(50, result.GetProperty("after_update").GetProperty("BatchSize").GetInt32());
        Assert.Equal(2, result.GetProperty("after_update").GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.Equal("Disabling", result.GetProperty("disabling").GetString());
        Assert.Equal("Deleting", result.GetProperty("deleted").GetString());
        Assert.Equal("ResourceNotFoundException", result.GetProperty("gone").GetProperty("code").GetString());
        Assert.Equal(404, result.GetProperty("gone").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Boto3_BadRequests_GetAwsErrors()
    {
        var result = await server.Boto3.RunAsync(StreamMappingScripts.Helpers + """
            table, stream = make_table()
            fn = make_function({"app.py": "def handler(e, c):\n    return None\n"})
            first = lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=fn, StartingPosition="LATEST")
            wait_state(first["UUID"], "Enabled")
            def err(**kw):
                try:
                    lam.create_event_source_mapping(**kw)
                except botocore.exceptions.ClientError as e:
                    return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"], "message": e.response["Error"]["Message"]}
                return None
            base = {"EventSourceArn": stream, "FunctionName": fn, "StartingPosition": "LATEST"}
            out = {
                "duplicate": err(**base),
                "no_function": err(**{**base, "FunctionName": "nope-" + os.urandom(3).hex()}),
                "no_stream": err(**{**base, "EventSourceArn": stream.replace(table, "missing-table")}),
                "kinesis": err(**{**base, "EventSourceArn": "arn:aws:kinesis:us-east-1:000000000000:stream/s"}),
                "sqs": err(**{**base, "EventSourceArn": "arn:aws:sqs:us-east-1:000000000000:q"}),
                "no_position": err(EventSourceArn=stream, FunctionName=fn),
                "at_timestamp": err(**{**base, "StartingPosition": "AT_TIMESTAMP", "StartingPositionTimestamp": 1}),
                "batch": err(**{**base, "BatchSize": 10001}),
                "window": err(**{**base, "MaximumBatchingWindowInSeconds": 301}),
                "retries": err(**{**base, "MaximumRetryAttempts": 10001}),
                "parallel": err(**{**base, "ParallelizationFactor": 11}),
                "age": err(**{**base, "MaximumRecordAgeInSeconds": 30}),
                "filter": err(**{**base, "FilterCriteria": {"Filters": [{"Pattern": "{\"eventName\": \"INSERT\"}"}]}}),
                "on_success": err(**{**base, "DestinationConfig": {"OnSuccess": {"Destination": "arn:aws:sqs:us-east-1:000000000000:q"}}}),
                "dest_lambda": err(**{**base, "DestinationConfig": {"OnFailure": {"Destination": "arn:aws:lambda:us-east-1:000000000000:function:" + fn}}}),
                "dest_sqs": err(**{**base, "DestinationConfig": {"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:000000000000:dlq"}}}),
                "dest_sns": err(**{**base, "DestinationConfig": {"OnFailure": {"Destination": "arn:aws:sns:us-east-1:000000000000:topic"}}}),
                "dest_s3_prefix": err(**{**base, "DestinationConfig": {"OnFailure": {"Destination": "arn:aws:s3:::bucket/prefix"}}}),
                "dest_not_arn": err(**{**base, "DestinationConfig": {"OnFailure": {"Destination": "bucket"}}}),
                "update_dest": error_of(lambda: lam.update_event_source_mapping(UUID=first["UUID"],
                    DestinationConfig={"OnFailure": {"Destination": "arn:aws:lambda:us-east-1:000000000000:function:" + fn}})),
                "get_missing": error_of(lambda: lam.get_event_source_mapping(UUID="00000000-0000-0000-0000-000000000000")),
                "update_missing": error_of(lambda: lam.update_event_source_mapping(UUID="00000000-0000-0000-0000-000000000000", BatchSize=5)),
                "delete_missing": error_of(lambda: lam.delete_event_source_mapping(UUID="00000000-0000-0000-0000-000000000000")),
                "update_batch": error_of(lambda: lam.update_event_source_mapping(UUID=first["UUID"], BatchSize=20000)),
                "uuid": first["UUID"], "stream": stream, "fn": fn,
            }
            print(json.dumps(out))
            """);

        void Expect(string key, string code, int status, string? message = null)
        {
            var error = result.GetProperty(key);
            Assert.True(error.ValueKind == System.Text.Json.JsonValueKind.Object, key + " did not fail");
            Assert.Equal(code, error.GetProperty("code").GetString());
            Assert.Equal(status, error.GetProperty("status").GetInt32());
            if (message is not null)
            {
                Assert.Equal(message, error.GetProperty("message").GetString());
            }
        }

        var stream = result.GetProperty("stream").GetString();
        Expect("duplicate", "ResourceConflictException", 409, $"The event source arn (\" {stream} \") and function (\" {result.GetProperty("fn").GetString()} \") "
            + "provided mapping already exists. Please update or delete the existing mapping with UUID " + result.GetProperty("uuid").GetString());
        Expect("no_function", "ResourceNotFoundException", 404);
        Expect("no_stream", "InvalidParameterValueException", 400);
        Assert.StartsWith("Stream not found: arn:aws:dynamodb:", result.GetProperty("no_stream").GetProperty("message").GetString());
        Expect("kinesis", "InvalidParameterValueException", 400);
        Assert.Contains("kinesis event sources are not implemented", result.GetProperty("kinesis").GetProperty("message").GetString());
        Expect("sqs", "InvalidParameterValueException", 400);
        Expect("no_position", "InvalidParameterValueException", 400,
            "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.");
        Expect("at_timestamp", "InvalidParameterValueException", 400, "Unsupported starting position for arn type: " + stream);
        Expect("batch", "ValidationException", 400,
            "1 validation error detected: Value '10001' at 'batchSize' failed to satisfy constraint: Member must have value less than or equal to 10000");
        Expect("window", "ValidationException", 400);
        Expect("retries", "ValidationException", 400);
        Expect("parallel", "ValidationException", 400);
        Expect("age", "InvalidParameterValueException", 400);
        Expect("filter", "InvalidParameterValueException", 400, "Invalid filter pattern definition.");
        Expect("on_success", "InvalidParameterValueException", 400, "Unsupported DestinationConfig parameter for given event source mapping type.");
        Expect("dest_lambda", "InvalidParameterValueException", 400, "The provided destination config DestinationConfig(onSuccess=null, "
            + $"onFailure=OnFailure(destination=arn:aws:lambda:us-east-1:000000000000:function:{result.GetProperty("fn").GetString()})) is invalid.");
        Expect("dest_sqs", "InvalidParameterValueException", 400);
        Assert.Contains("sqs destinations are not implemented", result.GetProperty("dest_sqs").GetProperty("message").GetString());
        Expect("dest_sns", "InvalidParameterValueException", 400);
        Assert.Contains("sns destinations are not implemented", result.GetProperty("dest_sns").GetProperty("message").GetString());
        Expect("dest_s3_prefix", "InvalidParameterValueException", 400);
        Expect("dest_not_arn", "ValidationException", 400);
        Expect("update_dest", "InvalidParameterValueException", 400);
        Expect("get_missing", "ResourceNotFoundException", 404);
        Expect("update_missing", "ResourceNotFoundException", 404);
        Expect("delete_missing", "ResourceNotFoundException", 404);
        Expect("update_batch", "ValidationException", 400);
    }

    [Fact]
    public async Task ChangeWhileTransitionPending_IsResourceInUse_AndCliSeesTheMapping()
    {
        var poller = server.Host.Services.GetRequiredService<StreamMappingPoller>();
        var hold = new TaskCompletionSource();
        poller.ReconcileGate = hold.Task;
        System.Text.Json.JsonElement result;
        try
        {
            result = await server.Boto3.RunAsync(StreamMappingScripts.Helpers + """
                table, stream = make_table()
                fn = make_function({"app.py": "def handler(e, c):\n    return None\n"})
                m = lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=fn, StartingPosition="TRIM_HORIZON")
                state = lam.get_event_source_mapping(UUID=m["UUID"])["State"]
                def full(call):
                    try:
                        call()
                    except botocore.exceptions.ClientError as e:
                        return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"], "message": e.response["Error"]["Message"]}
                print(json.dumps({"uuid": m["UUID"], "state": state, "fn": fn,
                                  "update": full(lambda: lam.update_event_source_mapping(UUID=m["UUID"], BatchSize=5)),
                                  "delete": full(lambda: lam.delete_event_source_mapping(UUID=m["UUID"]))}))
                """);
        }
        finally
        {
            hold.SetResult();
        }

        Assert.Equal("Creating", result.GetProperty("state").GetString());
        Assert.Equal("ResourceInUseException", result.GetProperty("update").GetProperty("code").GetString());
        Assert.Equal(400, result.GetProperty("update").GetProperty("status").GetInt32());
        Assert.Equal("Cannot update the event source mapping because it is in use.", result.GetProperty("update").GetProperty("message").GetString());
        Assert.Equal("Cannot delete the event source mapping because it is in use.", result.GetProperty("delete").GetProperty("message").GetString());

        var uuid = result.GetProperty("uuid").GetString()!;
        var listed = await server.Cli.JsonAsync("lambda", "list-event-source-mappings", "--function-name", result.GetProperty("fn").GetString()!);
        Assert.Equal(uuid, listed.GetProperty("EventSourceMappings")[0].GetProperty("UUID").GetString());
        var got = await server.Cli.JsonAsync("lambda", "get-event-source-mapping", "--uuid", uuid);
        Assert.Equal(uuid, got.GetProperty("UUID").GetString());
    }
}

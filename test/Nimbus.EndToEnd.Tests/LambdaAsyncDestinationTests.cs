using System.Text.Json;
using Nimbus.EndToEnd.Tests.Infrastructure;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// boto3 against real functions: event invoke configuration round trip, and on-success / on-failure records
/// delivered to a destination function, which logs them to CloudWatch Logs where the test reads them.
/// </summary>
public sealed class LambdaAsyncDestinationTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task Boto3_EventInvokeConfig_DestinationsReceiveAwsRecords()
    {
        var result = await server.Boto3.RunAsync("""
            lam = client("lambda")
            logs = client("logs")
            suffix = os.urandom(4).hex()
            worker, collector = "worker-" + suffix, "collector-" + suffix
            role = "arn:aws:iam::000000000000:role/r"
            lam.create_function(FunctionName=collector, Runtime="python3.12", Handler="app.handler", Role=role,
                Code={"ZipFile": zip_of({"app.py": "import json\ndef handler(e, c):\n    print('RECORD ' + json.dumps(e))\n"})})
            lam.create_function(FunctionName=worker, Runtime="python3.12", Handler="app.handler", Role=role,
                Code={"ZipFile": zip_of({"app.py": "def handler(e, c):\n    if e.get('fail'):\n        raise ValueError('worker failed ' + e['id'])\n    return {'ok': e['id']}\n"})})
            for name in (collector, worker):
                lam.get_waiter("function_active_v2").wait(FunctionName=name)
            collector_arn = lam.get_function(FunctionName=collector)["Configuration"]["FunctionArn"]

            put = lam.put_function_event_invoke_config(FunctionName=worker, MaximumRetryAttempts=2,
                DestinationConfig={"OnSuccess": {"Destination": collector_arn}, "OnFailure": {"Destination": collector_arn}})
            updated = lam.update_function_event_invoke_config(FunctionName=worker, MaximumRetryAttempts=0)
            got = lam.get_function_event_invoke_config(FunctionName=worker)
            listed = lam.list_function_event_invoke_configs(FunctionName=worker)["FunctionEventInvokeConfigs"]
            bad = error_of(lambda: lam.put_function_event_invoke_config(FunctionName=worker, MaximumRetryAttempts=5))

            lam.invoke(FunctionName=worker, InvocationType="Event", Payload=json.dumps({"id": "good"}))
            lam.invoke(FunctionName=worker, InvocationType="Event", Payload=json.dumps({"id": "bad", "fail": True}))
            records = []
            deadline = time.time() + 120
            while len(records) < 2 and time.time() < deadline:
                time.sleep(1)
                try:
                    found = logs.filter_log_events(logGroupName="/aws/lambda/" + collector, filterPattern='"RECORD"')["events"]
                except botocore.exceptions.ClientError:
                    continue
                records = [json.loads(e["message"][e["message"].index("RECORD ") + 7:]) for e in found]
            lam.delete_function_event_invoke_config(FunctionName=worker)
            gone = error_of(lambda: lam.get_function_event_invoke_config(FunctionName=worker))
            print(json.dumps({"put": put["MaximumRetryAttempts"], "updated": updated["MaximumRetryAttempts"],
                              "onFailure": got["DestinationConfig"]["OnFailure"]["Destination"], "collector": collector_arn,
                              "functionArn": got["FunctionArn"], "lastModified": got["LastModified"].year, "listed": len(listed),
                              "bad": bad, "gone": gone, "records": records}))
            """);

        Assert.Equal(2, result.GetProperty("put").GetInt32());
        Assert.Equal(0, result.GetProperty("updated").GetInt32());
        Assert.Equal(result.GetProperty("collector").GetString(), result.GetProperty("onFailure").GetString());
        Assert.EndsWith(":$LATEST", result.GetProperty("functionArn").GetString());
        Assert.True(result.GetProperty("lastModified").GetInt32() >= 2026);
        Assert.Equal(1, result.GetProperty("listed").GetInt32());
        Assert.Equal("ValidationException", result.GetProperty("bad").GetProperty("code").GetString());
        Assert.Equal(404, result.GetProperty("gone").GetProperty("status").GetInt32());

        var records = result.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(2, records.Count);
        var success = records.Single(r => r.GetProperty("requestContext").GetProperty("condition").GetString() == "Success");
        Assert.Equal("good", success.GetProperty("requestPayload").GetProperty("id").GetString());
        Assert.Equal("good", success.GetProperty("responsePayload").GetProperty("ok").GetString());
        Assert.Equal("1.0", success.GetProperty("version").GetString());
        var failure = records.Single(r => r.GetProperty("requestContext").GetProperty("condition").GetString() == "RetriesExhausted");
        Assert.Equal(1, failure.GetProperty("requestContext").GetProperty("approximateInvokeCount").GetInt32());
        Assert.Equal("Unhandled", failure.GetProperty("responseContext").GetProperty("functionError").GetString());
        Assert.Equal("$LATEST", failure.GetProperty("responseContext").GetProperty("executedVersion").GetString());
        Assert.Contains("worker failed bad", failure.GetProperty("responsePayload").GetProperty("errorMessage").GetString());
        Assert.Equal(JsonValueKind.String, failure.GetProperty("timestamp").ValueKind);
    }
}

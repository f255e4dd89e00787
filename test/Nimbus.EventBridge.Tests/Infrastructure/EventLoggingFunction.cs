using System.Text.Json;

namespace Nimbus.EventBridge.Tests.Infrastructure;

/// <summary>
/// A real Python function, created through the Lambda API, that prints every event it receives as <c>EVENT {json}</c>;
/// the events are read back from its CloudWatch Logs group. Used by the tests that fire real functions.
/// </summary>
internal static class EventLoggingFunction
{
    /// <summary>Creates the function, waits until it is active, and returns its ARN.</summary>
    public static async Task<string> CreateAsync(NimbusServerFixture server, string name)
    {
        var created = await server.Boto3.RunAsync($$"""
            lam = client("lambda")
            code = zip_of({"app.py": "import json\ndef handler(event, context):\n    print('EVENT ' + json.dumps(event))\n    return {}\n"})
            fn = lam.create_function(FunctionName="{{name}}", Runtime="python3.12", Handler="app.handler",
                                     Role="arn:aws:iam::000000000000:role/r", Code={"ZipFile": code})["FunctionArn"]
            lam.get_waiter("function_active_v2").wait(FunctionName="{{name}}")
            print(json.dumps({"arn": fn}))
            """);
        return created.GetProperty("arn").GetString()!;
    }

    /// <summary>
    /// Polls the function's log group (which appears with its first log line) until it holds at least
    /// <paramref name="count"/> events or <paramref name="timeoutSeconds"/> pass; returns what arrived.
    /// </summary>
    public static async Task<List<JsonElement>> ReceivedEventsAsync(NimbusServerFixture server, string name, int count, int timeoutSeconds)
    {
        var logs = await server.Boto3.RunAsync($$"""
            logs = client("logs")
            found, deadline = [], time.time() + {{timeoutSeconds}}
            while time.time() < deadline and len(found) < {{count}}:
                try:
                    events = logs.filter_log_events(logGroupName="/aws/lambda/{{name}}")["events"]
                    found = [json.loads(e["message"].split("EVENT ", 1)[1]) for e in events if "EVENT " in e["message"]]
                except botocore.exceptions.ClientError:
                    pass
                time.sleep(0.5)
            print(json.dumps(found))
            """);
        return logs.EnumerateArray().ToList();
    }
}

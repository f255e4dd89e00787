using Nimbus.Testing;

namespace Nimbus.Billing.Tests;

/// <summary>
/// Real invocations end to end: nothing registered by the test, Lambda's own reports feed metrics and the bill.
/// </summary>
public sealed class RealInvocationTests : IClassFixture<NimbusServerFixture>
{
    private readonly NimbusServerFixture _server;

    public RealInvocationTests(NimbusServerFixture server) => _server = server;

    [Fact]
    public async Task Invocations_AppearInAwsLambdaMetricsAndInTheCostReport()
    {
        var result = await _server.Boto3.RunAsync("""
            import urllib.request
            lam, cw = client("lambda"), client("cloudwatch")
            name = "metered-" + os.urandom(4).hex()
            code = zip_of({"app.py": "def handler(e, c):\n    if e.get('fail'):\n        raise Exception('boom')\n    return 1\n"})
            lam.create_function(FunctionName=name, Runtime="python3.12", Handler="app.handler", Role="arn:aws:iam::000000000000:role/r",
                                Code={"ZipFile": code}, MemorySize=128, Timeout=10)
            lam.get_waiter("function_active_v2").wait(FunctionName=name)
            for payload in [b"{}", b"{}", b'{"fail": true}']:
                lam.invoke(FunctionName=name, Payload=payload)
            now = datetime.datetime.now(datetime.timezone.utc)
            def total(metric):
                points = cw.get_metric_statistics(Namespace="AWS/Lambda", MetricName=metric, Dimensions=[{"Name": "FunctionName", "Value": name}],
                    StartTime=now - datetime.timedelta(minutes=10), EndTime=now + datetime.timedelta(minutes=2), Period=3600, Statistics=["Sum"])["Datapoints"]
                return sum(p["Sum"] for p in points)
            deadline = time.time() + 30
            while total("Invocations") < 3 and time.time() < deadline:
                time.sleep(0.2)
            costs = json.loads(urllib.request.urlopen(os.environ["NIMBUS_ENDPOINT"] + "/_nimbus/costs").read())
            fn = [f for f in costs["functions"] if f["functionName"] == name]
            print(json.dumps({"invocations": total("Invocations"), "errors": total("Errors"), "requests": fn[0]["requests"] if fn else 0}))
            """);

        Assert.Equal(3, result.GetProperty("invocations").GetDouble());
        Assert.Equal(1, result.GetProperty("errors").GetDouble());
        Assert.Equal(3, result.GetProperty("requests").GetDouble());
    }
}

using System.Net;
using System.Net.Sockets;
using Nimbus.EndToEnd.Tests.Infrastructure;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// The per-function network setting, as users set it with the Lambda API (the tag <c>nimbus:network</c>): by default a
/// function reaches only Nimbus (boto3 inside it still uses S3), not a service listening on the host; tagged
/// <c>internet</c>, it reaches both. Skipped in effect where the host cannot isolate networks (health says so).
/// </summary>
public sealed class FunctionNetworkTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>, IDisposable
{
    // boto3 is installed for the host's Python 3.11, which the python3.11 runtime runs.
    private const string Handler = """
        import os, socket, boto3

        def handler(event, context):
            s3 = boto3.client("s3")  # AWS_ENDPOINT_URL names the Nimbus endpoint, as in every function
            s3.put_object(Bucket=event["bucket"], Key=context.function_name, Body=b"written from inside")
            try:
                socket.create_connection(("127.0.0.1", event["port"]), timeout=3).close()
                host = "connected"
            except OSError as e:
                host = type(e).__name__
            return {"host": host, "endpoint": os.environ["AWS_ENDPOINT_URL"]}
        """;

    private readonly TcpListener _hostService = StartListener();

    public void Dispose() => _hostService.Stop();

    private static TcpListener StartListener()
    {
        var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start(64);
        return listener;
    }

    [Fact]
    public async Task DefaultFunction_ReachesOnlyNimbus_InternetTaggedFunction_ReachesTheHostToo()
    {
        var zip = FunctionPackage.WriteZip(("app.py", Handler));
        var port = ((IPEndPoint)_hostService.LocalEndpoint).Port;
        var result = await server.Boto3.RunAsync($$"""
            lam = client("lambda")
            s3 = client("s3")
            bucket = "net-" + os.urandom(4).hex()
            s3.create_bucket(Bucket=bucket)
            code = open({{Quote(zip)}}, "rb").read()
            def create(name, tags):
                lam.create_function(FunctionName=name, Runtime="python3.11", Handler="app.handler", Role="arn:aws:iam::000000000000:role/r",
                                    Code={"ZipFile": code}, Timeout=30, Tags=tags)
                lam.get_waiter("function_active_v2").wait(FunctionName=name)
            def run(name):
                r = lam.invoke(FunctionName=name, Payload=json.dumps({"bucket": bucket, "port": {{port}}}).encode())
                return {"error": r.get("FunctionError"), "result": json.loads(r["Payload"].read())}
            suffix = os.urandom(4).hex()
            create("isolated-" + suffix, {})
            create("internet-" + suffix, {"nimbus:network": "internet"})
            out = {"isolated": run("isolated-" + suffix), "internet": run("internet-" + suffix)}
            # Tagging later moves the function to the host network from its next environment on.
            lam.tag_resource(Resource=lam.get_function(FunctionName="isolated-" + suffix)["Configuration"]["FunctionArn"],
                             Tags={"nimbus:network": "internet"})
            out["retagged"] = run("isolated-" + suffix)
            out["bad"] = error_of(lambda: lam.tag_resource(Resource=lam.get_function(FunctionName="internet-" + suffix)["Configuration"]["FunctionArn"],
                                                           Tags={"nimbus:network": "everywhere"}))
            out["objects"] = sorted(o["Key"].split("-")[0] for o in s3.list_objects_v2(Bucket=bucket)["Contents"])
            print(json.dumps(out))
            """);

        var health = await new HttpClient().GetStringAsync(server.EndpointUrl + "/_nimbus/health");
        var isolated = health.Contains("per-sandbox network namespace", StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("isolated").GetProperty("error").ValueKind);
        Assert.Equal(isolated ? "ConnectionRefusedError" : "connected", result.GetProperty("isolated").GetProperty("result").GetProperty("host").GetString());
        Assert.Equal("connected", result.GetProperty("internet").GetProperty("result").GetProperty("host").GetString());
        Assert.Equal("connected", result.GetProperty("retagged").GetProperty("result").GetProperty("host").GetString());
        // Both wrote to S3 through the endpoint they were given (the edge's own port, bridged into isolated sandboxes).
        Assert.Equal(["internet", "isolated"], result.GetProperty("objects").EnumerateArray().Select(o => o.GetString()!).Distinct());
        Assert.Equal(server.EndpointUrl, result.GetProperty("isolated").GetProperty("result").GetProperty("endpoint").GetString());
        Assert.Equal("InvalidParameterValueException", result.GetProperty("bad").GetProperty("code").GetString());
    }

    private static string Quote(string path) => System.Text.Json.JsonSerializer.Serialize(path);
}

using System.Net;
using System.Net.Sockets;
using Nimbus.EndToEnd.Tests.Infrastructure;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// The per-function network setting, as users set it with the Lambda API (the tag <c>nimbus:network</c>): by default a
/// function reaches only Nimbus (the AWS SDK inside it still uses S3), not a service listening on the host; tagged
/// <c>internet</c>, it reaches both. Skipped in effect where the host cannot isolate networks (health says so).
/// </summary>
public sealed class FunctionNetworkTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>, IDisposable
{
    // The AWS SDK for JavaScript v3 (from the thumbnail example's node_modules) reads AWS_ENDPOINT_URL, as on AWS.
    private const string Handler = """
        import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
        import net from 'node:net';

        const s3 = new S3Client({ forcePathStyle: true });
        const connect = (port) => new Promise((resolve) => {
          const socket = net.connect({ host: '127.0.0.1', port });
          socket.setTimeout(3000, () => { socket.destroy(); resolve('timeout'); });
          socket.on('connect', () => { socket.end(); resolve('connected'); });
          socket.on('error', (e) => resolve(e.code));
        });

        export const handler = async (event, context) => {
          await s3.send(new PutObjectCommand({ Bucket: event.bucket, Key: context.functionName, Body: 'written from inside' }));
          return { host: await connect(event.port), endpoint: process.env.AWS_ENDPOINT_URL };
        };
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
        var zip = await JsSdkPackage.WithHandlerAsync("probe.mjs", Handler);
        var port = ((IPEndPoint)_hostService.LocalEndpoint).Port;
        var result = await server.Boto3.RunAsync($$"""
            lam = client("lambda")
            s3 = client("s3")
            bucket = "net-" + os.urandom(4).hex()
            s3.create_bucket(Bucket=bucket)
            code = open({{Quote(zip)}}, "rb").read()
            def create(name, tags):
                lam.create_function(FunctionName=name, Runtime="nodejs20.x", Handler="probe.handler", Role="arn:aws:iam::000000000000:role/r",
                                    Code={"ZipFile": code}, Timeout=30, MemorySize=256, Tags=tags)
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
            out["objects"] = sorted(o["Key"].split("-")[0] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", []))
            print(json.dumps(out))
            """);

        var health = await new HttpClient().GetStringAsync(server.EndpointUrl + "/_nimbus/health");
        var isolated = health.Contains("per-sandbox network namespace", StringComparison.Ordinal);
        Assert.True(result.GetProperty("isolated").GetProperty("error").ValueKind == System.Text.Json.JsonValueKind.Null, result.ToString());
        Assert.True(result.GetProperty("internet").GetProperty("error").ValueKind == System.Text.Json.JsonValueKind.Null, result.ToString());
        Assert.Equal(isolated ? "ECONNREFUSED" : "connected", result.GetProperty("isolated").GetProperty("result").GetProperty("host").GetString());
        Assert.Equal("connected", result.GetProperty("internet").GetProperty("result").GetProperty("host").GetString());
        Assert.Equal("connected", result.GetProperty("retagged").GetProperty("result").GetProperty("host").GetString());
        // Both wrote to S3 through the endpoint they were given (the edge's own port, bridged into isolated sandboxes).
        Assert.Equal(["internet", "isolated"], result.GetProperty("objects").EnumerateArray().Select(o => o.GetString()!).Distinct());
        Assert.Equal(server.EndpointUrl, result.GetProperty("isolated").GetProperty("result").GetProperty("endpoint").GetString());
        Assert.Equal("InvalidParameterValueException", result.GetProperty("bad").GetProperty("code").GetString());
    }

    private static string Quote(string path) => System.Text.Json.JsonSerializer.Serialize(path);
}

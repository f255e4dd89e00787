using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nimbus.CloudWatch.Metrics.Publishing;

namespace Nimbus.ApiGateway.Tests.WebSockets;

/// <summary>AWS_IAM route authorization with real SigV4 signatures, and the AWS/ApiGateway metrics read back with boto3.</summary>
[Collection(WebSocketCollection.Name)]
public sealed class MonitoringAndIamTests(WebSocketFixture ws)
{
    [Fact]
    public async Task AwsIamRoute_AllowsSignedRequests_AndRefusesOthersAsAws()
    {
        var result = await ws.Server.Boto3.RunAsync($$"""
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest
            from botocore.credentials import Credentials
            import urllib.request, urllib.error
            apigw = client("apigatewayv2")
            id = apigw.create_api(Name="iam", ProtocolType="HTTP", Target="{{ws.FunctionArn}}", RouteKey="GET /secret")["ApiId"]
            route = apigw.get_routes(ApiId=id)["Items"][0]
            apigw.update_route(ApiId=id, RouteId=route["RouteId"], AuthorizationType="AWS_IAM")
            host = f"{id}.execute-api.localhost:{{ws.Endpoint.Port}}"
            def call(secret=None, service="execute-api"):
                headers = {}
                if secret is not None:
                    req = AWSRequest(method="GET", url=f"http://{host}/secret?x=1")
                    SigV4Auth(Credentials("test", secret), service, "us-east-1").add_auth(req)
                    headers = dict(req.headers.items())
                r = urllib.request.Request("http://127.0.0.1:{{ws.Endpoint.Port}}/secret?x=1", headers={**headers, "Host": host})
                try:
                    with urllib.request.urlopen(r) as resp:
                        return {"status": resp.status, "body": resp.read().decode()}
                except urllib.error.HTTPError as e:
                    return {"status": e.code, "body": e.read().decode()}
            print(json.dumps({"unsigned": call(), "signed": call("test"), "wrong": call("not-the-secret"), "otherService": call("test", "lambda")}))
            """);

        Assert.Equal(403, result.GetProperty("unsigned").GetProperty("status").GetInt32());
        Assert.Equal("""{"message":"Forbidden"}""", result.GetProperty("unsigned").GetProperty("body").GetString());
        Assert.Equal(200, result.GetProperty("signed").GetProperty("status").GetInt32());
        var wrong = result.GetProperty("wrong");
        Assert.Equal(403, wrong.GetProperty("status").GetInt32());
        Assert.Contains("The request signature we calculated does not match", wrong.GetProperty("body").GetString());
        Assert.Equal(403, result.GetProperty("otherService").GetProperty("status").GetInt32());
        Assert.Contains("execute-api", result.GetProperty("otherService").GetProperty("body").GetString());
    }

    [Fact]
    public async Task AwsIamConnect_RefusesAnUnsignedHandshake_AndAcceptsASignedOne()
    {
        var created = await ws.Boto3Async($$"""
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest
            from botocore.credentials import Credentials
            id = apigw.create_api(Name="iam-ws", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action")["ApiId"]
            integration = apigw.create_integration(ApiId=id, IntegrationType="MOCK")["IntegrationId"]
            apigw.create_route(ApiId=id, RouteKey="$connect", AuthorizationType="AWS_IAM", Target="integrations/" + integration)
            apigw.create_stage(ApiId=id, StageName="prod", AutoDeploy=True)
            req = AWSRequest(method="GET", url=f"http://127.0.0.1:{{ws.Endpoint.Port}}/_aws/execute-api/{id}/prod")
            SigV4Auth(Credentials("test", "test"), "execute-api", "us-east-1").add_auth(req)
            signed = dict((k, v) for k, v in req.headers.items() if k.lower() != "host")
            print(json.dumps({"id": id, "headers": signed}))
            """);
        var apiId = created.GetProperty("id").GetString()!;

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(apiId));
        Assert.Contains("403", refused.Message);
        using var socket = await ws.ConnectAsync(apiId, configure: options =>
        {
            foreach (var header in created.GetProperty("headers").EnumerateObject())
            {
                options.SetRequestHeader(header.Name, header.Value.GetString());
            }
        });
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task WebSocketTraffic_PublishesConnectMessageAndErrorCounts()
    {
        var apiId = await ws.CreateApiAsync(["$connect", "$disconnect", "echo"], twoWay: ["echo"]);
        using (var socket = await ws.ConnectAsync(apiId))
        {
            for (var i = 0; i < 2; i++)
            {
                await WebSocketFixture.SendAsync(socket, """{"action":"echo"}""");
                Assert.NotNull(await WebSocketFixture.ReceiveAsync(socket, "echo " + i));
            }
            await WebSocketFixture.SendAsync(socket, """{"action":"unrouted"}""");
            Assert.Contains("Forbidden", await WebSocketFixture.ReceiveAsync(socket, "the Forbidden frame"));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }

        var sums = await SumsAsync(apiId, "prod", ["ConnectCount", "MessageCount", "ClientError", "ExecutionError", "IntegrationError"]);

        Assert.Equal(1, sums["ConnectCount"]);
        Assert.Equal(6, sums["MessageCount"]); // three in, two answers and the Forbidden frame out
        Assert.Equal(1, sums["ClientError"]);
        Assert.Equal(0, sums["ExecutionError"]);
        Assert.Equal(0, sums["IntegrationError"]);
        Assert.Equal(1, (await SumsAsync(apiId, null, ["ConnectCount"]))["ConnectCount"]);
    }

    [Fact]
    public async Task HttpApiTraffic_PublishesCountErrorsLatencyAndData()
    {
        var apiId = (await ws.Boto3Async($$"""
            print(json.dumps({"id": apigw.create_api(Name="measured", ProtocolType="HTTP", Target="{{ws.FunctionArn}}", RouteKey="GET /hit")["ApiId"]}))
            """)).GetProperty("id").GetString()!;
        for (var i = 0; i < 3; i++)
        {
            using var ok = await CallAsync(apiId, "/hit");
            Assert.Equal(200, (int)ok.StatusCode);
        }
        using var missing = await CallAsync(apiId, "/miss");
        Assert.Equal(404, (int)missing.StatusCode);

        var sums = await SumsAsync(apiId, "$default", ["Count", "4xx", "5xx", "DataProcessed"]);
        var samples = await SumsAsync(apiId, "$default", ["Latency", "IntegrationLatency"], "SampleCount");

        Assert.Equal(4, sums["Count"]);
        Assert.Equal(1, sums["4xx"]);
        Assert.Equal(0, sums["5xx"]);
        Assert.True(sums["DataProcessed"] > 0);
        Assert.Equal(4, samples["Latency"]);
        Assert.Equal(3, samples["IntegrationLatency"]);
    }

    private Task<HttpResponseMessage> CallAsync(string apiId, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ws.Endpoint, path));
        request.Headers.Host = $"{apiId}.execute-api.localhost:{ws.Endpoint.Port}";
        return ws.Http.SendAsync(request);
    }

    /// <summary>A statistic of each metric over the last hour, with dimensions ApiId (+ Stage when given), read with boto3.</summary>
    private async Task<Dictionary<string, double>> SumsAsync(string apiId, string? stage, string[] metrics, string statistic = "Sum")
    {
        await ws.Server.Host.Services.GetRequiredService<ServiceMetricsSink>().FlushAsync();
        var dimensions = stage is null ? $$"""[{"Name": "ApiId", "Value": "{{apiId}}"}]""" : $$"""[{"Name": "ApiId", "Value": "{{apiId}}"}, {"Name": "Stage", "Value": "{{stage}}"}]""";
        var result = await ws.Server.Boto3.RunAsync($$"""
            cw = client("cloudwatch")
            now = datetime.datetime.now(datetime.timezone.utc)
            out = {}
            for name in {{JsonSerializer.Serialize(metrics)}}:
                points = cw.get_metric_statistics(Namespace="AWS/ApiGateway", MetricName=name, Dimensions={{dimensions}},
                    StartTime=now - datetime.timedelta(hours=1), EndTime=now + datetime.timedelta(minutes=5), Period=3600, Statistics=["{{statistic}}"])["Datapoints"]
                out[name] = sum(p["{{statistic}}"] for p in points)
            print(json.dumps(out))
            """);
        return metrics.ToDictionary(m => m, m => result.GetProperty(m).GetDouble());
    }
}

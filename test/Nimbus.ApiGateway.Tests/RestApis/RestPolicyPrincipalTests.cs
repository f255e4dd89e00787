using System.Text.Json;
using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests.RestApis;

/// <summary>
/// Resource-policy statements naming callers (a root ARN, a bare account id, a user ARN), evaluated against the
/// account of the SigV4 key that signed an AWS_IAM request — a 12-digit key is its account, as everywhere on the edge.
/// The API belongs to 000000000000; calls are signed by botocore and sent with urllib.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RestPolicyPrincipalTests(GatewayFixture gateway)
{
    [Fact]
    public async Task NamedPrincipals_AllowAndDenyTheirCallers_AsAwsCombinesThemWithIam()
    {
        var result = await RestScripts.RunAsync(gateway, $$$"""
            import urllib.request, urllib.error
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest
            from botocore.credentials import Credentials
            policy = {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111111111111:root"]}, "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
                {"Effect": "Allow", "Principal": {"AWS": "222222222222"}, "Action": "execute-api:Invoke", "Resource": "execute-api:/*/GET/open"},
                {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::333333333333:root"}, "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
                {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444444444444:user/alice"}, "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
                {"Effect": "Deny", "Principal": {"AWS": "000000000000"}, "Action": "execute-api:Invoke", "Resource": "execute-api:/*/GET/private"}]}
            api, root = new_api("principals", policy=json.dumps(policy))
            for part, auth in [("open", "AWS_IAM"), ("private", "AWS_IAM"), ("anon", "NONE")]:
                proxy(api, resource(api, root, part), "GET", "{{{gateway.EchoArn}}}", auth=auth)
            deploy(api)
            base = os.environ["NIMBUS_ENDPOINT"] + "/_aws/execute-api/" + api + "/prod/"
            def call(path, key=None):
                req = AWSRequest(method="GET", url=base + path)
                if key:
                    SigV4Auth(Credentials(key, "test"), "execute-api", "us-east-1").add_auth(req)
                try:
                    with urllib.request.urlopen(urllib.request.Request(base + path, headers=dict(req.headers.items()))) as r:
                        event = json.loads(r.read())
                        return [r.status, event["requestContext"]["identity"]["userArn"]]
                except urllib.error.HTTPError as e:
                    return [e.code, json.loads(e.read()).get("Message")]
            print(json.dumps({"api": api, "calls": {
                "root-arn/open": call("open", "111111111111"),
                "account-id/open": call("open", "222222222222"),
                "account-id/private": call("private", "222222222222"),
                "denied-account/open": call("open", "333333333333"),
                "user-arn/open": call("open", "444444444444"),
                "own-account/open": call("open", "test"),
                "own-account/private": call("private", "test"),
                "anonymous/anon": call("anon"),
            }}))
            """);
        var api = result.GetProperty("api").GetString()!;
        var calls = result.GetProperty("calls").EnumerateObject().ToDictionary(p => p.Name, p => (Status: p.Value[0].GetInt32(), Text: p.Value[1].GetString()));
        string Refusal(string caller, string path, bool explicitDeny) =>
            $"User: {caller} is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********0000:{api}/prod/GET/{path}"
            + (explicitDeny ? " with an explicit deny" : "");

        Assert.Equal((200, "arn:aws:iam::111111111111:root"), calls["root-arn/open"]);
        Assert.Equal((200, "arn:aws:iam::222222222222:root"), calls["account-id/open"]);
        Assert.Equal((403, Refusal("arn:aws:iam::222222222222:root", "private", explicitDeny: false)), calls["account-id/private"]);
        Assert.Equal((403, Refusal("arn:aws:iam::333333333333:root", "open", explicitDeny: true)), calls["denied-account/open"]);
        Assert.Equal((403, Refusal("arn:aws:iam::444444444444:root", "open", explicitDeny: false)), calls["user-arn/open"]);
        Assert.Equal((200, "arn:aws:iam::000000000000:root"), calls["own-account/open"]);
        Assert.Equal((403, Refusal("arn:aws:iam::000000000000:root", "private", explicitDeny: true)), calls["own-account/private"]);
        Assert.Equal((403, Refusal("anonymous", "anon", explicitDeny: false)), calls["anonymous/anon"]);
    }

    /// <summary>
    /// AWS's table A for Lambda authorizers: the fixture's IAM-policy authorizer names <c>event.routeArn</c>, which REST
    /// events lack, so its policy neither allows nor denies — the resource policy's Allow then lets the call through,
    /// its explicit Deny refuses before the function runs, and with neither the call is refused.
    /// </summary>
    [Fact]
    public async Task LambdaAuthorizer_CombinesWithThePolicy_AsAwsTableA()
    {
        var result = await RestScripts.RunAsync(gateway, $$"""
            import urllib.request, urllib.error
            policy = {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*/GET/open"},
                {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*/GET/blocked"}]}
            api, root = new_api("policy-lambda", policy=json.dumps(policy))
            auth = apigw.create_authorizer(restApiId=api, name="lambda", type="REQUEST", identitySource="method.request.header.Authorization",
                authorizerUri=lambda_uri("{{gateway.IamAuthorizerArn}}"), authorizerResultTtlInSeconds=0)["id"]
            for part in ["open", "blocked", "plain"]:
                proxy(api, resource(api, root, part), "GET", "{{gateway.EchoArn}}", auth="CUSTOM", authorizerId=auth)
            deploy(api)
            base = os.environ["NIMBUS_ENDPOINT"] + "/_aws/execute-api/" + api + "/prod/"
            def call(path):
                try:
                    with urllib.request.urlopen(urllib.request.Request(base + path, headers={"Authorization": "allow"})) as r:
                        return [r.status, ""]
                except urllib.error.HTTPError as e:
                    body = json.loads(e.read())
                    return [e.code, body.get("Message") or body.get("message")]
            print(json.dumps({part: call(part) for part in ["open", "blocked", "plain"]}))
            """);

        Assert.Equal(200, result.GetProperty("open")[0].GetInt32());
        Assert.Equal(403, result.GetProperty("blocked")[0].GetInt32());
        Assert.EndsWith("/prod/GET/blocked with an explicit deny", result.GetProperty("blocked")[1].GetString());
        Assert.Equal(403, result.GetProperty("plain")[0].GetInt32());
        Assert.Equal("User is not authorized to access this resource", result.GetProperty("plain")[1].GetString());
    }
}

using System.Net;
using System.Text.Json;
using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests.RestApis;

/// <summary>
/// Resource policies on REST APIs set with boto3 (CreateRestApi, then UpdateRestApi) and enforced on plain HTTP calls:
/// an explicit Deny on one path for the caller's IP range, an Allow that does not cover the caller, and AWS's
/// BadRequestException for a document that is not a policy.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RestResourcePolicyTests(GatewayFixture gateway)
{
    [Fact]
    public async Task ExplicitDenyAndMissingAllow_Are403_AsAws()
    {
        var ids = await RestScripts.RunAsync(gateway, """
            policy = {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
                {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "execute-api:Invoke", "Resource": "execute-api:/*/GET/secret",
                 "Condition": {"IpAddress": {"aws:SourceIp": ["127.0.0.0/8", "::1/128"]}}}]}
            api, root = new_api("policy", policy=json.dumps(policy))
            for part in ["open", "secret"]:
                res = resource(api, root, part)
                apigw.put_method(restApiId=api, resourceId=res, httpMethod="GET", authorizationType="NONE")
                apigw.put_integration(restApiId=api, resourceId=res, httpMethod="GET", type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'})
                apigw.put_method_response(restApiId=api, resourceId=res, httpMethod="GET", statusCode="200")
                apigw.put_integration_response(restApiId=api, resourceId=res, httpMethod="GET", statusCode="200", responseTemplates={"application/json": '{"ok": true}'})
            deploy(api)
            print(json.dumps({"api": api}))
            """);
        var apiId = ids.GetProperty("api").GetString()!;

        var open = await gateway.GetAsync(apiId, "/prod/open");
        var secret = await gateway.GetAsync(apiId, "/prod/secret");
        await RestScripts.RunAsync(gateway, $$$"""
            condition = {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}
            statement = {"Effect": "Allow", "Principal": "*", "Action": "execute-api:*", "Resource": "arn:aws:execute-api:us-east-1:000000000000:{{{apiId}}}/*",
                "Condition": condition}
            policy = {"Version": "2012-10-17", "Statement": [statement]}
            apigw.update_rest_api(restApiId="{{{apiId}}}", patchOperations=[{"op": "replace", "path": "/policy", "value": json.dumps(policy)}])
            print(json.dumps({}))
            """);
        var notAllowed = await gateway.GetAsync(apiId, "/prod/open");

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, secret.StatusCode);
        Assert.Equal("AccessDeniedException", secret.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal($"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********0000:{apiId}/prod/GET/secret with an explicit deny",
            (await RestScripts.JsonOf(secret)).GetProperty("Message").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode);
        Assert.Equal($"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********0000:{apiId}/prod/GET/open",
            (await RestScripts.JsonOf(notAllowed)).GetProperty("Message").GetString());
    }

    [Fact]
    public async Task MalformedPolicy_IsBadRequest_OnCreateAndUpdate()
    {
        var result = await RestScripts.RunAsync(gateway, """
            from botocore.exceptions import ClientError
            errors = []
            try:
                apigw.create_rest_api(name="bad-policy", policy="{not json")
            except ClientError as e:
                errors.append([e.response["Error"]["Code"], e.response["Error"]["Message"]])
            api, root = new_api("good")
            try:
                apigw.update_rest_api(restApiId=api, patchOperations=[{"op": "replace", "path": "/policy", "value": json.dumps({"Statement": [{"Effect": "Maybe", "Action": "*"}]})}])
            except ClientError as e:
                errors.append([e.response["Error"]["Code"], e.response["Error"]["Message"]])
            print(json.dumps({"errors": errors}))
            """);
        var errors = result.GetProperty("errors").EnumerateArray().Select(e => (Code: e[0].GetString(), Message: e[1].GetString())).ToList();

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("BadRequestException", e.Code));
        Assert.All(errors, e => Assert.Equal("Invalid policy document. Please check the policy syntax and ensure that Principals are valid.", e.Message));
    }
}

using Nimbus.EndToEnd.Tests.Infrastructure;

namespace Nimbus.EndToEnd.Tests;

/// <summary>boto3, unmodified, against Nimbus: the calls SDK users script most, and AWS's errors for their mistakes.</summary>
public sealed class LambdaBoto3Tests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task Boto3_CreateWaitInvokeTailVersionsWeightedAlias()
    {
        var result = await server.Boto3.RunAsync("""
            lam = client("lambda")
            name = "boto-" + os.urandom(4).hex()
            code = zip_of({"app.py": "import os\ndef handler(e, c):\n    print('boto says', e)\n    return {'v': os.environ.get('VAR'), 'fv': c.function_version}\n"})
            lam.create_function(FunctionName=name, Runtime="python3.12", Handler="app.handler", Role="arn:aws:iam::000000000000:role/r",
                                Code={"ZipFile": code}, Environment={"Variables": {"VAR": "one"}}, MemorySize=256, Timeout=10)
            lam.get_waiter("function_active_v2").wait(FunctionName=name)
            r = lam.invoke(FunctionName=name, Payload=b'{"a":1}', LogType="Tail")
            tail = base64.b64decode(r["LogResult"]).decode()
            first = json.loads(r["Payload"].read())
            v1 = lam.publish_version(FunctionName=name)["Version"]
            lam.update_function_configuration(FunctionName=name, Environment={"Variables": {"VAR": "two"}})
            lam.get_waiter("function_updated_v2").wait(FunctionName=name)
            v2 = lam.publish_version(FunctionName=name)["Version"]
            lam.create_alias(FunctionName=name, Name="canary", FunctionVersion=v1, RoutingConfig={"AdditionalVersionWeights": {v2: 0.5}})
            executed = [lam.invoke(FunctionName=name, Qualifier="canary", Payload=b"{}")["ExecutedVersion"] for _ in range(40)]
            versions = [v["Version"] for v in lam.list_versions_by_function(FunctionName=name)["Versions"]]
            cfg = lam.get_function_configuration(FunctionName=name, Qualifier=v1)
            dry = lam.invoke(FunctionName=name, InvocationType="DryRun")["StatusCode"]
            print(json.dumps({"status": r["StatusCode"], "tail": tail, "first": first, "v1": v1, "v2": v2,
                              "executed": executed, "versions": versions, "memory": cfg["MemorySize"], "dry": dry}))
            """);

        Assert.Equal(200, result.GetProperty("status").GetInt32());
        Assert.Contains("boto says", result.GetProperty("tail").GetString());
        Assert.Contains("REPORT RequestId:", result.GetProperty("tail").GetString());
        Assert.Equal("one", result.GetProperty("first").GetProperty("v").GetString());
        Assert.Equal("1", result.GetProperty("v1").GetString());
        Assert.Equal("2", result.GetProperty("v2").GetString());
        var executed = result.GetProperty("executed").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("1", executed);
        Assert.Contains("2", executed);
        Assert.Equal(["$LATEST", "1", "2"], result.GetProperty("versions").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(256, result.GetProperty("memory").GetInt32());
        Assert.Equal(204, result.GetProperty("dry").GetInt32());
    }

    [Fact]
    public async Task Boto3_ReservedConcurrencyZero_ThrottlesWithAwsReason()
    {
        var result = await server.Boto3.RunAsync("""
            lam = client("lambda")
            name = "throttle-" + os.urandom(4).hex()
            lam.create_function(FunctionName=name, Runtime="nodejs20.x", Handler="index.handler", Role="arn:aws:iam::000000000000:role/r",
                                Code={"ZipFile": zip_of({"index.js": "exports.handler = async () => 1;"})})
            lam.get_waiter("function_active_v2").wait(FunctionName=name)
            lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=0)
            try:
                lam.invoke(FunctionName=name, Payload=b"{}")
                out = {"code": None}
            except botocore.exceptions.ClientError as e:
                out = {"code": error_code(e), "reason": e.response.get("Reason"), "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
            out["reserved"] = lam.get_function_concurrency(FunctionName=name)["ReservedConcurrentExecutions"]
            print(json.dumps(out))
            """);

        Assert.Equal("TooManyRequestsException", result.GetProperty("code").GetString());
        Assert.Equal("ReservedFunctionConcurrentInvocationLimitExceeded", result.GetProperty("reason").GetString());
        Assert.Equal(429, result.GetProperty("status").GetInt32());
        Assert.Equal(0, result.GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task Boto3_BadInputs_GetAwsErrors()
    {
        var result = await server.Boto3.RunAsync("""
            lam = client("lambda")
            def code_of(call):
                try:
                    call()
                    return None
                except botocore.exceptions.ClientError as e:
                    return error_code(e)
            role = "arn:aws:iam::000000000000:role/r"
            good = {"ZipFile": zip_of({"index.js": "exports.handler = async (e) => e;"})}
            name = "bad-" + os.urandom(4).hex()
            out = {
              "unknownFunction": code_of(lambda: lam.get_function(FunctionName="does-not-exist")),
              "invokeUnknown": code_of(lambda: lam.invoke(FunctionName="does-not-exist", Payload=b"{}")),
              "badRuntime": code_of(lambda: lam.create_function(FunctionName=name, Runtime="cobol85", Handler="a.b", Role=role, Code=good)),
              "unavailableRuntime": code_of(lambda: lam.create_function(FunctionName=name, Runtime="java21", Handler="a::b", Role=role, Code=good)),
              "invalidZip": code_of(lambda: lam.create_function(FunctionName=name, Runtime="nodejs20.x", Handler="index.handler", Role=role, Code={"ZipFile": b"not a zip at all"})),
              "bigEnvironment": code_of(lambda: lam.create_function(FunctionName=name, Runtime="nodejs20.x", Handler="index.handler", Role=role, Code=good, Environment={"Variables": {"BIG": "x" * 5000}})),
            }
            lam.create_function(FunctionName=name, Runtime="nodejs20.x", Handler="index.handler", Role=role, Code=good)
            lam.get_waiter("function_active_v2").wait(FunctionName=name)
            out["duplicate"] = code_of(lambda: lam.create_function(FunctionName=name, Runtime="nodejs20.x", Handler="index.handler", Role=role, Code=good))
            out["malformedPayload"] = code_of(lambda: lam.invoke(FunctionName=name, Payload=b"{not json"))
            out["oversizedPayload"] = code_of(lambda: lam.invoke(FunctionName=name, Payload=b'"' + b"x" * (6 * 1024 * 1024 + 10) + b'"'))
            out["unknownQualifier"] = code_of(lambda: lam.invoke(FunctionName=name, Qualifier="nope", Payload=b"{}"))
            out["unknownAlias"] = code_of(lambda: lam.get_alias(FunctionName=name, Name="nope"))
            print(json.dumps(out))
            """);

        Assert.Equal("ResourceNotFoundException", result.GetProperty("unknownFunction").GetString());
        Assert.Equal("ResourceNotFoundException", result.GetProperty("invokeUnknown").GetString());
        Assert.Equal("InvalidParameterValueException", result.GetProperty("badRuntime").GetString());
        Assert.Equal("InvalidParameterValueException", result.GetProperty("unavailableRuntime").GetString());
        Assert.Equal("InvalidParameterValueException", result.GetProperty("invalidZip").GetString());
        Assert.Equal("InvalidParameterValueException", result.GetProperty("bigEnvironment").GetString());
        Assert.Equal("ResourceConflictException", result.GetProperty("duplicate").GetString());
        Assert.Equal("InvalidRequestContentException", result.GetProperty("malformedPayload").GetString());
        Assert.Equal("RequestEntityTooLargeException", result.GetProperty("oversizedPayload").GetString());
        Assert.Equal("ResourceNotFoundException", result.GetProperty("unknownQualifier").GetString());
        Assert.Equal("ResourceNotFoundException", result.GetProperty("unknownAlias").GetString());
    }
}

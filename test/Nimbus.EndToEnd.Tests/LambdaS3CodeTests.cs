using System.Text.Json;
using Nimbus.EndToEnd.Tests.Infrastructure;

namespace Nimbus.EndToEnd.Tests;

/// <summary>Deploying code from Nimbus's own S3 (<c>Code.S3Bucket</c>/<c>S3Key</c>) with the AWS CLI, and AWS's errors for bad locations.</summary>
public sealed class LambdaS3CodeTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task CreateAndUpdateFunction_FromS3Object_RunTheUploadedCode()
    {
        var cli = server.Cli;
        var bucket = FunctionPackage.UniqueName("code");
        var name = FunctionPackage.UniqueName("from-s3");
        await cli.JsonAsync("s3api", "create-bucket", "--bucket", bucket);
        await cli.JsonAsync("s3api", "put-object", "--bucket", bucket, "--key", "v1/function.zip",
            "--body", FunctionPackage.WriteZip(("index.js", "exports.handler = async (e) => ({ from: 's3', v: 1, got: e });")));
        await cli.JsonAsync("s3api", "put-object", "--bucket", bucket, "--key", "v2/function.zip",
            "--body", FunctionPackage.WriteZip(("index.js", "exports.handler = async () => ({ from: 's3', v: 2 });")));

        var created = await cli.JsonAsync("lambda", "create-function", "--function-name", name, "--runtime", "nodejs20.x", "--handler", "index.handler",
            "--role", "arn:aws:iam::000000000000:role/r", "--code", $"S3Bucket={bucket},S3Key=v1/function.zip");
        Assert.True(created.GetProperty("CodeSize").GetInt64() > 0);
        await cli.JsonAsync("lambda", "wait", "function-active-v2", "--function-name", name);
        Assert.Equal(1, (await InvokeAsync(name)).GetProperty("v").GetInt32());

        await cli.JsonAsync("lambda", "update-function-code", "--function-name", name, "--s3-bucket", bucket, "--s3-key", "v2/function.zip");
        await cli.JsonAsync("lambda", "wait", "function-updated-v2", "--function-name", name);
        Assert.Equal(2, (await InvokeAsync(name)).GetProperty("v").GetInt32());
    }

    [Fact]
    public async Task CreateFunction_FromMissingS3Object_ReturnsAwsGetObjectErrors()
    {
        var cli = server.Cli;
        var bucket = FunctionPackage.UniqueName("empty");
        await cli.JsonAsync("s3api", "create-bucket", "--bucket", bucket);
        string[] Create(string code) => ["lambda", "create-function", "--function-name", FunctionPackage.UniqueName("missing"), "--runtime", "nodejs20.x",
            "--handler", "index.handler", "--role", "arn:aws:iam::000000000000:role/r", "--code", code];

        var noKey = await cli.FailsWithAsync("InvalidParameterValueException", Create($"S3Bucket={bucket},S3Key=nothing.zip"));
        Assert.Contains("Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.", noKey);
        var noBucket = await cli.FailsWithAsync("InvalidParameterValueException", Create($"S3Bucket={bucket}-gone,S3Key=nothing.zip"));
        Assert.Contains("Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist", noBucket);
        await cli.FailsWithAsync("ResourceNotFoundException", "lambda", "update-function-code", "--function-name", FunctionPackage.UniqueName("absent"),
            "--s3-bucket", bucket, "--s3-key", "nothing.zip");
    }

    private async Task<JsonElement> InvokeAsync(string name)
    {
        var outFile = Path.GetTempFileName();
        await server.Cli.JsonAsync("lambda", "invoke", "--function-name", name, "--payload", "{}", outFile);
        var body = JsonDocument.Parse(await File.ReadAllTextAsync(outFile)).RootElement.Clone();
        File.Delete(outFile);
        return body;
    }
}

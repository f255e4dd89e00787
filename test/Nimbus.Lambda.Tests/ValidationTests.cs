using System.Net;
using System.Text.Json.Nodes;
using Nimbus.Lambda.Tests.Infrastructure;

namespace Nimbus.Lambda.Tests;

public sealed class ValidationTests : IAsyncLifetime
{
    private LambdaTestHost _host = null!;

    public async Task InitializeAsync() => _host = await LambdaTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> CreateAsync(Action<JsonObject> customise, string name = "v")
    {
        var request = LambdaTestHost.CreateRequest(name);
        customise(request);
        return _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions", request);
    }

    [Fact]
    public async Task CreateFunction_WithMalformedJson_ReturnsInvalidRequestContent()
    {
        var result = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions", "{\"FunctionName\": ");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "InvalidRequestContentException");
        ResponseAssert.StartsWith(result, "Could not parse request body into json: ");
    }

    [Fact]
    public async Task CreateFunction_WithMemoryAboveLimit_ReturnsValidationException()
    {
        var result = await CreateAsync(r => r["MemorySize"] = 99999);
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "ValidationException",
            "1 validation error detected: Value '99999' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240");
    }

    [Fact]
    public async Task CreateFunction_WithSeveralViolations_CountsThem()
    {
        var result = await CreateAsync(r => { r["MemorySize"] = 64; r["Timeout"] = 901; });
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "ValidationException",
            "2 validation errors detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128; "
            + "Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900");
    }

    [Theory]
    [InlineData("Timeout", 0)]
    [InlineData("Timeout", 901)]
    public async Task CreateFunction_WithTimeoutOutOfRange_ReturnsValidationException(string member, int value)
    {
        var result = await CreateAsync(r => r[member] = value);
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "ValidationException");
    }

    [Fact]
    public async Task CreateFunction_WithEphemeralStorageOutOfRange_ReturnsValidationException()
    {
        var result = await CreateAsync(r => r["EphemeralStorage"] = new JsonObject { ["Size"] = 256 });
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "ValidationException");
    }

    [Fact]
    public async Task CreateFunction_WithUnknownRuntime_ReturnsInvalidParameterValue()
    {
        var result = await CreateAsync(r => r["Runtime"] = "cobol85");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "InvalidParameterValueException");
        ResponseAssert.StartsWith(result, "Value cobol85 at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [");
    }

    [Fact]
    public async Task CreateFunction_WithBlockedRuntime_ReturnsAwsDeprecationMessage()
    {
        var result = await CreateAsync(r => r["Runtime"] = "python2.7");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "InvalidParameterValueException");
        ResponseAssert.StartsWith(result, "The runtime parameter of python2.7 is no longer supported for creating or updating AWS Lambda functions.");
    }

    [Fact]
    public async Task CreateFunction_WithRuntimeUnavailableOnHost_ListsAvailableRuntimes()
    {
        var result = await CreateAsync(r => r["Runtime"] = "java21");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "InvalidParameterValueException");
        var message = result.Body!["message"]!.GetValue<string>();
        Assert.StartsWith("The runtime java21 is not available on this Nimbus host.", message);
        Assert.Contains("python3.12", message);
    }

    [Fact]
    public async Task CreateFunction_WithHandlerContainingWhitespace_ReturnsValidationException()
    {
        var result = await CreateAsync(r => r["Handler"] = "index handler");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "ValidationException");
    }

    [Fact]
    public async Task CreateFunction_WithInvalidRole_ReturnsValidationException()
    {
        var result = await CreateAsync(r => r["Role"] = "not-a-role");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "ValidationException");
        Assert.Contains("at 'role' failed to satisfy constraint", result.Body!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("this-name-is-far-too-long-for-lambda-because-it-has-more-than-64-chars")]
    public async Task CreateFunction_WithInvalidName_ReturnsValidationException(string name)
    {
        var result = await CreateAsync(_ => { }, name);
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "ValidationException");
    }

    [Fact]
    public async Task CreateFunction_WithEnvironmentOver4KB_ReturnsInvalidParameterValue()
    {
        var result = await CreateAsync(r => r["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["BIG"] = new string('x', 4100) } });
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "InvalidParameterValueException");
        ResponseAssert.StartsWith(result, "Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit.");
    }

    [Fact]
    public async Task CreateFunction_WithReservedEnvironmentKey_ReturnsInvalidParameterValue()
    {
        var result = await CreateAsync(r => r["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["AWS_REGION"] = "eu-west-1" } });
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "InvalidParameterValueException");
        Assert.EndsWith("Reserved keys used in this request: AWS_REGION", result.Body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateFunction_WithInvalidZip_ReturnsCouldNotUnzip()
    {
        var result = await CreateAsync(r => r["Code"] = new JsonObject { ["ZipFile"] = Convert.ToBase64String("not a zip"u8.ToArray()) });
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "InvalidParameterValueException",
            "Could not unzip uploaded file. Please check your file, then try to upload again.");
    }

    [Fact]
    public async Task CreateFunction_FromS3_WithoutAnObjectStore_ReturnsGetObjectError()
    {
        // This host runs Lambda alone (no S3 module): the code location cannot be read.
        var result = await CreateAsync(r => r["Code"] = new JsonObject { ["S3Bucket"] = "code-bucket", ["S3Key"] = "k.zip" });
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "InvalidParameterValueException");
        ResponseAssert.StartsWith(result, "Error occurred while GetObject. S3 Error Code: ");
    }

    [Fact]
    public async Task CreateFunction_FromS3_WithBadLocation_ReturnsValidationOrParameterErrors()
    {
        ResponseAssert.Error(await CreateAsync(r => r["Code"] = new JsonObject { ["S3Bucket"] = "b", ["S3Key"] = "k.zip" }), HttpStatusCode.BadRequest,
            "ValidationException", "1 validation error detected: Value 'b' at 'code.s3Bucket' failed to satisfy constraint: Member must have length greater than or equal to 3");
        ResponseAssert.Error(await CreateAsync(r => r["Code"] = new JsonObject { ["S3Bucket"] = "code-bucket" }), HttpStatusCode.BadRequest,
            "InvalidParameterValueException", "Please provide a source for function code.");
    }

    [Fact]
    public async Task CreateFunction_WithImagePackage_IsNotSupported()
    {
        var result = await CreateAsync(r => { r["PackageType"] = "Image"; r["Code"] = new JsonObject { ["ImageUri"] = "x" }; });
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "InvalidParameterValueException");
    }

    [Fact]
    public async Task CreateFunction_WithoutRole_ReturnsValidationException()
    {
        var result = await CreateAsync(r => r.Remove("Role"));
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "ValidationException",
            "1 validation error detected: Value null at 'role' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_OfUnknownFunction_ReturnsNotFound()
    {
        var result = await _host.CallAsync(HttpMethod.Put, "/2015-03-31/functions/ghost/configuration", "{\"MemorySize\": 256}");
        ResponseAssert.Error(result, HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    [Fact]
    public async Task ListFunctions_WithMaxItemsOutOfRange_ReturnsValidationException()
    {
        var result = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/functions?MaxItems=0");
        ResponseAssert.Error(result, HttpStatusCode.BadRequest, "ValidationException");
    }

    [Fact]
    public async Task UnknownRoute_ReturnsUnknownOperation()
    {
        var result = await _host.CallAsync(HttpMethod.Get, "/2015-03-31/no-such-thing/at/all");
        ResponseAssert.Error(result, HttpStatusCode.NotFound, "UnknownOperationException");
    }

    [Theory]
    [InlineData("GET", "/2018-10-31/layers?find=LayerVersion&Arn=x", "GetLayerVersionByArn")]
    [InlineData("GET", "/2018-10-31/layers", "ListLayers")]
    [InlineData("GET", "/2019-09-30/functions/f/provisioned-concurrency?List=ALL", "ListProvisionedConcurrencyConfigs")]
    [InlineData("GET", "/2019-09-30/functions/f/provisioned-concurrency?Qualifier=1", "GetProvisionedConcurrencyConfig")]
    public async Task UnimplementedOperation_SharingAPath_IsNamedByItsQuery(string method, string path, string operation)
    {
        var result = await _host.CallAsync(new HttpMethod(method), path);
        ResponseAssert.Error(result, HttpStatusCode.NotImplemented, "NotImplementedException");
        Assert.Contains("operation " + operation + " ", result.Body!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET", "/2018-10-31/layers")]
    [InlineData("POST", "/2020-04-22/code-signing-configs")]
    [InlineData("GET", "/2021-10-31/functions/f/url")]
    [InlineData("PUT", "/2019-09-30/functions/f/provisioned-concurrency?Qualifier=1")]
    public async Task UnimplementedOperation_AnswersAwsShapedError(string method, string path)
    {
        var result = await _host.CallAsync(new HttpMethod(method), path, "{}");
        ResponseAssert.Error(result, HttpStatusCode.NotImplemented, "NotImplementedException");
        Assert.Contains("not implemented by Nimbus yet", result.Body!["message"]!.GetValue<string>());
    }
}

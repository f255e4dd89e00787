using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nimbus.ApiGateway.RestApis;
using Nimbus.Server;

namespace Nimbus.ApiGateway.Tests.Infrastructure;

/// <summary>
/// A Nimbus server configured for <see cref="CognitoPools"/> as a user would: the issuer base pointed at the pools'
/// server (<c>NIMBUS_COGNITO_ISSUER_BASE</c>) and the mapped pool's JWKS URL given (<c>NIMBUS_COGNITO_JWKS</c>),
/// with an event-echo function for REST APIs to call.
/// </summary>
public sealed class CognitoFixture : IAsyncLifetime
{
    private const string EchoJs = """
        exports.handler = async (event) => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(event) });
        """;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "nimbus-cognito-" + Guid.NewGuid().ToString("N")[..8]);
    private NimbusHost? _host;

    public CognitoPools Pools { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public string EchoArn { get; private set; } = "";

    public Uri Endpoint => _host!.Endpoint;

    public Boto3 Boto3 => new(Endpoint.ToString().TrimEnd('/'));

    public async Task InitializeAsync()
    {
        Pools = await CognitoPools.StartAsync();
        _host = await NimbusHost.StartAsync(new NimbusOptions
        {
            Port = 0,
            DataDirectory = _dataDirectory,
            CognitoUserPools = CognitoUserPoolOptions.Parse($"{CognitoPools.MappedPool}={Pools.MappedJwksUrl}", Pools.BaseUrl),
        }, logging => logging.SetMinimumLevel(LogLevel.Warning));
        var created = await Boto3.RunAsync($$"""
            lam = client("lambda")
            arn = lam.create_function(FunctionName="cognito-echo-" + os.urandom(4).hex(), Runtime="nodejs20.x", Handler="index.handler",
                Role="arn:aws:iam::000000000000:role/r", Code={"ZipFile": zip_of({"index.js": {{JsonSerializer.Serialize(EchoJs)}}})})["FunctionArn"]
            lam.get_waiter("function_active_v2").wait(FunctionName=arn)
            print(json.dumps({"arn": arn}))
            """);
        EchoArn = created.GetProperty("arn").GetString()!;
    }

    /// <summary>GET on a REST API's stage path, with this <c>Authorization</c> header when given.</summary>
    public Task<HttpResponseMessage> GetAsync(string apiId, string path, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Endpoint, "/_aws/execute-api/" + apiId + path));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        return Http.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        await Pools.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A runtime process may still be exiting; a temp folder is not worth failing a test for.
        }
    }
}

using Microsoft.Extensions.Configuration;
using Nimbus.Server;

// Settings: command line, then NIMBUS_* environment variables, then defaults.
var configuration = new ConfigurationBuilder()
    .AddEnvironmentVariables("NIMBUS_")
    .AddCommandLine(args, new Dictionary<string, string>
    {
        ["--port"] = "PORT",
        ["--bind"] = "BIND",
        ["--data-dir"] = "DATA_DIR",
        ["--account-id"] = "ACCOUNT_ID",
        ["--region"] = "REGION",
        ["--idle-timeout"] = "IDLE_TIMEOUT_SECONDS",
        ["--isolation"] = "ISOLATION",
        ["--scale-out-limit"] = "SCALE_OUT_LIMIT",
        ["--scale-out-period"] = "SCALE_OUT_PERIOD_SECONDS",
        ["--dynamodb-durability"] = "DYNAMODB_DURABILITY",
    })
    .Build();

NimbusOptions options;
try
{
    options = new NimbusOptions
    {
        Port = configuration.GetValue("PORT", 4566),
        BindAddress = configuration["BIND"] ?? "127.0.0.1",
        DataDirectory = configuration["DATA_DIR"] ?? "./.nimbus",
        AccountId = configuration["ACCOUNT_ID"] ?? Nimbus.Core.AwsScope.DefaultAccountId,
        Region = configuration["REGION"] ?? Nimbus.Core.AwsScope.DefaultRegion,
        EnvironmentIdleTimeout = TimeSpan.FromSeconds(configuration.GetValue("IDLE_TIMEOUT_SECONDS", 600)),
        // auto | process: "process" turns the bubblewrap sandbox off (e.g. where namespaces are not allowed).
        Isolation = ChoiceOption.Parse(configuration["ISOLATION"], "--isolation", Nimbus.Execution.IsolationMode.Auto),
        // Lambda's scaling rate: new environments per function per period (1,000 every 10 s on AWS; 0 = no limit).
        ScaleOutLimit = configuration.GetValue("SCALE_OUT_LIMIT", 1000),
        ScaleOutPeriod = TimeSpan.FromSeconds(configuration.GetValue("SCALE_OUT_PERIOD_SECONDS", 10.0)),
        // process | fsync: whether a DynamoDB write is answered once it is in the WAL or only after its fsync (see NimbusOptions).
        DynamoDbDurability = ChoiceOption.Parse(configuration["DYNAMODB_DURABILITY"], "--dynamodb-durability", Nimbus.Core.Storage.WriteDurability.Process),
        RuntimeInterpreters = configuration.GetSection("RUNTIME").GetChildren()
            .Where(c => c.Value is not null)
            .ToDictionary(c => c.Key, c => c.Value!),
        Credentials = Nimbus.Protocol.SigV4.SigV4Credentials.Parse(configuration["CREDENTIALS"], configuration.GetValue("STRICT_SIGNATURES", false)),
        ConsoleToken = configuration["CONSOLE_TOKEN"],
        CognitoUserPools = Nimbus.ApiGateway.RestApis.CognitoUserPoolOptions.Parse(configuration["COGNITO_JWKS"], configuration["COGNITO_ISSUER_BASE"]),
    };
}
catch (FormatException e)
{
    // A mistyped setting: say which and what it takes, and start nothing.
    Console.Error.WriteLine($"nimbus: {e.Message}");
    return 2;
}

await using var host = await NimbusHost.StartAsync(options);
Console.WriteLine($"Nimbus is listening on {host.Endpoint} (data: {Path.GetFullPath(options.DataDirectory)})");
Console.WriteLine($"Console: {host.ConsoleUrl}");
Console.WriteLine($"Try: aws --endpoint-url {host.Endpoint.ToString().TrimEnd('/')} lambda list-functions");
await host.WaitForShutdownAsync();
return 0;

using System.Text.Json;
using Nimbus.CloudWatch.Tests.Support;

namespace Nimbus.CloudWatch.Tests.Alarms;

/// <summary>Runs boto3 scripts and AWS CLI commands against an <see cref="AlarmsHost"/> for the alarm client tests.</summary>
internal static class AlarmScripts
{
    /// <summary>argv: protocol, a unique namespace, the server clock's "now" in epoch seconds.</summary>
    public const string Prelude = """
        import os, sys, json, datetime, boto3, botocore, botocore.model
        if sys.argv[1] != "default":
            botocore.model.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS = (sys.argv[1],)
        from botocore.config import Config
        cw = boto3.client("cloudwatch", endpoint_url=os.environ["NIMBUS_ENDPOINT"], config=Config(retries={"max_attempts": 1}))
        ns = sys.argv[2]
        now = datetime.datetime.fromtimestamp(int(sys.argv[3]), datetime.timezone.utc)
        fn = "arn:aws:lambda:us-east-1:000000000000:function:on-alarm-" + ns
        def error_of(call):
            try:
                call()
            except botocore.exceptions.ClientError as e:
                return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"].get("Message", "")]
            return None
        def put(value, minutes_ago=0):
            cw.put_metric_data(Namespace=ns, MetricData=[{"MetricName": "Errors", "Value": value, "Timestamp": now - datetime.timedelta(minutes=minutes_ago),
                "Dimensions": [{"Name": "FunctionName", "Value": "f"}]}])
        def alarm(name):
            return cw.describe_alarms(AlarmNames=[name])["MetricAlarms"][0]

        """;

    public static async Task<JsonElement> CliAsync(AlarmsHost host, params string[] arguments)
    {
        var result = (await ClientProcess.AwsCliAsync(host.Endpoint, arguments)).EnsureSuccess("aws " + string.Join(' ', arguments));
        return result.Stdout.Trim().Length == 0 ? default : JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    public static async Task<JsonElement> RunAsync(AlarmsHost host, string protocol, string ns, string script, long? now = null)
    {
        var clock = (now ?? host.Clock.GetUtcNow().ToUnixTimeSeconds()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = (await ClientProcess.PythonAsync(host.Endpoint, Prelude + script.Replace("\r", "", StringComparison.Ordinal), protocol, ns, clock))
            .EnsureSuccess("boto3 " + protocol);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    public static string Describe(JsonElement result, string name)
    {
        var error = result.GetProperty(name);
        return error.ValueKind == JsonValueKind.Null ? "no error" : $"{error[0].GetString()} {error[1].GetInt32()}";
    }
}

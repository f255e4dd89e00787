using System.Text.Json;

namespace Nimbus.S3.Tests;

/// <summary>PutBucketNotificationConfiguration / GetBucketNotificationConfiguration through boto3: round trip and AWS's validation.</summary>
public sealed class NotificationConfigurationTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task PutThenGet_RoundTripsTheConfiguration_AndAnEmptyOneTurnsNotificationsOff()
    {
        var result = await server.Boto3.RunAsync(NotificationScripts.Prelude + """
            s3.create_bucket(Bucket="cfg-source")
            arn = recorder("cfg-fn", "cfg-records", source_bucket="cfg-source")
            before = s3.get_bucket_notification_configuration(Bucket="cfg-source")
            s3.put_bucket_notification_configuration(Bucket="cfg-source", NotificationConfiguration={"LambdaFunctionConfigurations": [
                lambda_config(arn, ["s3:ObjectCreated:*"], prefix="images/", suffix=".png", id="thumbs"),
                lambda_config(arn, ["s3:ObjectRemoved:Delete"])]})
            after = s3.get_bucket_notification_configuration(Bucket="cfg-source")
            s3.put_bucket_notification_configuration(Bucket="cfg-source", NotificationConfiguration={})
            cleared = s3.get_bucket_notification_configuration(Bucket="cfg-source")
            for d in (before, after, cleared):
                d.pop("ResponseMetadata")
            print(json.dumps({"arn": arn, "before": before, "after": after, "cleared": cleared}))
            """);
        var arn = result.GetProperty("arn").GetString();
        Assert.Equal("{}", result.GetProperty("before").GetRawText());
        Assert.Equal("{}", result.GetProperty("cleared").GetRawText());
        var configs = result.GetProperty("after").GetProperty("LambdaFunctionConfigurations").EnumerateArray().ToList();
        Assert.Equal(2, configs.Count);
        Assert.Equal("thumbs", configs[0].GetProperty("Id").GetString());
        Assert.Equal(arn, configs[0].GetProperty("LambdaFunctionArn").GetString());
        Assert.Equal(["s3:ObjectCreated:*"], configs[0].GetProperty("Events").EnumerateArray().Select(e => e.GetString()));
        var rules = configs[0].GetProperty("Filter").GetProperty("Key").GetProperty("FilterRules").EnumerateArray()
            .Select(r => (r.GetProperty("Name").GetString(), r.GetProperty("Value").GetString())).ToList();
        Assert.Equal([("Prefix", "images/"), ("Suffix", ".png")], rules);
        // S3 names a configuration given without an Id.
        Assert.False(string.IsNullOrEmpty(configs[1].GetProperty("Id").GetString()));
        Assert.False(configs[1].TryGetProperty("Filter", out _));
    }

    [Fact]
    public async Task Destinations_MustExistAndAllowS3ToInvokeForThisBucket()
    {
        var result = await server.Boto3.RunAsync(NotificationScripts.Prelude + """
            s3.create_bucket(Bucket="val-source")
            unpermitted = recorder("val-unpermitted", "val-records-1", permit=False)
            other_bucket = recorder("val-other-bucket", "val-records-2", source_bucket="some-other-bucket")
            allowed = recorder("val-allowed", "val-records-3", source_bucket="val-source")
            missing = allowed.replace("val-allowed", "val-missing")
            def put(arn):
                return error_of_put("val-source", {"LambdaFunctionConfigurations": [lambda_config(arn, ["s3:ObjectCreated:*"])]})
            print(json.dumps({"missing": put(missing), "unpermitted": put(unpermitted), "otherBucket": put(other_bucket),
                              "allowed": put(allowed), "missingArn": missing, "unpermittedArn": unpermitted,
                              "skipped": s3.put_bucket_notification_configuration(Bucket="val-source", SkipDestinationValidation=True,
                                  NotificationConfiguration={"LambdaFunctionConfigurations": [lambda_config(missing, ["s3:ObjectCreated:*"])]})["ResponseMetadata"]["HTTPStatusCode"],
                              "queue": error_of_put("val-source", {"QueueConfigurations": [{"QueueArn": "arn:aws:sqs:us-east-1:000000000000:q", "Events": ["s3:ObjectCreated:*"]}]}),
                              "noBucket": error_of_put("val-no-such-bucket", {})}))
            """);
        AssertDestinationError(result.GetProperty("missing"), result.GetProperty("missingArn").GetString()!, "Not authorized to invoke function [" + result.GetProperty("missingArn").GetString() + "]");
        AssertDestinationError(result.GetProperty("unpermitted"), result.GetProperty("unpermittedArn").GetString()!, "Not authorized to invoke function [" + result.GetProperty("unpermittedArn").GetString() + "]");
        Assert.Equal("InvalidArgument", result.GetProperty("otherBucket").GetProperty("error").GetProperty("Code").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("allowed").ValueKind);
        Assert.Equal(200, result.GetProperty("skipped").GetInt32());
        AssertDestinationError(result.GetProperty("queue"), "arn:aws:sqs:us-east-1:000000000000:q", "The destination queue does not exist");
        Assert.Equal("NoSuchBucket", result.GetProperty("noBucket").GetProperty("error").GetProperty("Code").GetString());
    }

    [Fact]
    public async Task BadConfigurations_GetAwsErrors()
    {
        var result = await server.Boto3.RunAsync(NotificationScripts.Prelude + """
            s3.create_bucket(Bucket="bad-source")
            arn = recorder("bad-fn", "bad-records", source_bucket="bad-source")
            def put(*configs):
                return error_of_put("bad-source", {"LambdaFunctionConfigurations": list(configs)})
            print(json.dumps({
                "samePrefix": put(lambda_config(arn, ["s3:ObjectCreated:*"], prefix="a/"), lambda_config(arn, ["s3:ObjectCreated:Put"], prefix="a/b/")),
                "prefixAndSuffix": put(lambda_config(arn, ["s3:ObjectRemoved:*"], prefix="a/"), lambda_config(arn, ["s3:ObjectRemoved:Delete"], suffix=".png")),
                "disjointPrefixes": put(lambda_config(arn, ["s3:ObjectCreated:*"], prefix="a/"), lambda_config(arn, ["s3:ObjectCreated:*"], prefix="b/")),
                "disjointEvents": put(lambda_config(arn, ["s3:ObjectCreated:*"]), lambda_config(arn, ["s3:ObjectRemoved:*"])),
                "badEvent": put(lambda_config(arn, ["s3:ObjectCreated:Teleport"])),
                "badRule": put({"LambdaFunctionArn": arn, "Events": ["s3:ObjectCreated:*"], "Filter": {"Key": {"FilterRules": [{"Name": "infix", "Value": "x"}]}}}),
                "twoPrefixes": put({"LambdaFunctionArn": arn, "Events": ["s3:ObjectCreated:*"], "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "x"}, {"Name": "prefix", "Value": "y"}]}}}),
                "sameId": put(lambda_config(arn, ["s3:ObjectCreated:*"], id="x"), lambda_config(arn, ["s3:ObjectRemoved:*"], id="x")),
                "unsupportedEvent": put(lambda_config(arn, ["s3:ObjectTagging:*"])),
                "kept": s3.get_bucket_notification_configuration(Bucket="bad-source").get("LambdaFunctionConfigurations", []),
            }))
            """);
        foreach (var name in new[] { "samePrefix", "prefixAndSuffix" })
        {
            var error = result.GetProperty(name);
            Assert.Equal(400, error.GetProperty("status").GetInt32());
            Assert.Equal("InvalidArgument", error.GetProperty("error").GetProperty("Code").GetString());
            Assert.Equal("Configurations overlap. Configurations on the same bucket cannot share a common event type.", error.GetProperty("error").GetProperty("Message").GetString());
        }
        Assert.Equal(JsonValueKind.Null, result.GetProperty("disjointPrefixes").ValueKind);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("disjointEvents").ValueKind);
        foreach (var name in new[] { "badEvent", "badRule", "twoPrefixes", "sameId" })
        {
            Assert.Equal("InvalidArgument", result.GetProperty(name).GetProperty("error").GetProperty("Code").GetString());
            Assert.Equal(400, result.GetProperty(name).GetProperty("status").GetInt32());
        }
        Assert.Equal("NotImplemented", result.GetProperty("unsupportedEvent").GetProperty("error").GetProperty("Code").GetString());
        // A rejected configuration leaves the stored one (the last accepted) in place.
        Assert.Equal(2, result.GetProperty("kept").GetArrayLength());
    }

    private static void AssertDestinationError(JsonElement result, string arn, string reason)
    {
        Assert.Equal(400, result.GetProperty("status").GetInt32());
        var error = result.GetProperty("error");
        Assert.Equal("InvalidArgument", error.GetProperty("Code").GetString());
        Assert.Equal("Unable to validate the following destination configurations", error.GetProperty("Message").GetString());
        Assert.Equal(arn + ", null", error.GetProperty("ArgumentName1").GetString());
        Assert.Equal(reason, error.GetProperty("ArgumentValue1").GetString());
    }
}

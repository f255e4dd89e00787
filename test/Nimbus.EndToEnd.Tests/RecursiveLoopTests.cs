using Nimbus.EndToEnd.Tests.Infrastructure;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// Recursive loop detection end to end, the classic mistake: a function triggered by a bucket's uploads writes a new
/// object to the same bucket. The AWS SDK for JavaScript inside the function sends the trace header it runs with (its
/// recursion-detection middleware copies <c>_X_AMZN_TRACE_ID</c>), S3 carries it into the notification, and Lambda stops the chain after 16
/// invocations, unless the function's recursion config is <c>Allow</c>.
/// </summary>
public sealed class RecursiveLoopTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    private const string Handler = """
        import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

        const s3 = new S3Client({ forcePathStyle: true });

        export const handler = async (event) => {
          const record = event.Records[0].s3;
          const depth = Number(decodeURIComponent(record.object.key).split('/')[1]) + 1;
          if (depth <= 30) { // a safety net for the test, far past AWS's 16
            await s3.send(new PutObjectCommand({ Bucket: record.bucket.name, Key: `loop/${depth}`, Body: 'again' }));
          }
          return depth;
        };
        """;

    [Theory]
    [InlineData("Terminate", 17)]
    [InlineData("Allow", 31)]
    public async Task FunctionWritingToItsOwnTriggerBucket_IsStoppedAfterSixteenInvocations_UnlessAllowed(string recursion, int expectedObjects)
    {
        var zip = await JsSdkPackage.WithHandlerAsync("loop.mjs", Handler);
        var result = await server.Boto3.RunAsync($$$$"""
            lam = client("lambda")
            s3 = client("s3")
            name = "looper-" + os.urandom(4).hex()
            bucket = name
            s3.create_bucket(Bucket=bucket)
            arn = lam.create_function(FunctionName=name, Runtime="nodejs20.x", Handler="loop.handler", MemorySize=256, Role="arn:aws:iam::000000000000:role/r",
                                      Code={"ZipFile": open({{{{System.Text.Json.JsonSerializer.Serialize(zip)}}}}, "rb").read()}, Timeout=30)["FunctionArn"]
            lam.get_waiter("function_active_v2").wait(FunctionName=name)
            lam.put_function_recursion_config(FunctionName=name, RecursiveLoop="{{{{recursion}}}}")
            lam.add_permission(FunctionName=name, StatementId="s3", Action="lambda:InvokeFunction", Principal="s3.amazonaws.com",
                               SourceArn="arn:aws:s3:::" + bucket, SourceAccount="000000000000")
            s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={"LambdaFunctionConfigurations": [{
                "LambdaFunctionArn": arn, "Events": ["s3:ObjectCreated:*"], "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "loop/"}]}}}]})
            s3.put_object(Bucket=bucket, Key="loop/0", Body=b"start")
            # The chain settles when no new object appeared for a while once it started (the first link is a cold start
            # loading the SDK, slow on a busy machine; later links are warm).
            seen, stable, deadline = -1, 0, time.time() + 240
            while (seen < 2 or stable < 10) and time.time() < deadline:
                count = s3.list_objects_v2(Bucket=bucket, Prefix="loop/").get("KeyCount", 0)
                stable = stable + 1 if count == seen else 0
                seen = count
                time.sleep(1)
            print(json.dumps({"objects": seen, "config": lam.get_function_recursion_config(FunctionName=name)["RecursiveLoop"]}))
            """, TimeSpan.FromMinutes(5));

        Assert.Equal(recursion, result.GetProperty("config").GetString());
        // loop/0 from the test, then one object per invocation: 16 when stopped, all 30 of the safety net when allowed.
        Assert.Equal(expectedObjects, result.GetProperty("objects").GetInt32());
    }
}

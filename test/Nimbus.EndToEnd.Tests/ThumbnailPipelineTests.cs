using Nimbus.EndToEnd.Tests.Infrastructure;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// The seed's pipeline, as a user deploys it: examples/thumbnail (Node.js, the AWS SDK for JavaScript v3 and jimp in
/// its node_modules, packaged by test/fixtures/thumbnail/prepare.sh) subscribed to one bucket's uploads; an image
/// uploaded with boto3 comes back from the other bucket as a real, smaller image.
/// </summary>
public sealed class ThumbnailPipelineTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task UploadingAnImage_TriggersTheFunction_WhichWritesAResizedCopyToTheOtherBucket()
    {
        var zip = await JsSdkPackage.ThumbnailAsync();
        var image = Path.Combine(Path.GetTempPath(), FunctionPackage.UniqueName("photo") + ".png");
        await File.WriteAllBytesAsync(image, Png.Gradient(640, 480));
        try
        {
            var result = await server.Boto3.RunAsync("""
                s3 = client("s3")
                lam = client("lambda")
                logs = client("logs")
                s3.create_bucket(Bucket="photos")
                s3.create_bucket(Bucket="photo-thumbnails")
                with open(ZIP_PATH, "rb") as f:
                    code = f.read()
                arn = lam.create_function(FunctionName="thumbnail", Runtime="nodejs20.x", Handler="index.handler", Role="arn:aws:iam::000000000000:role/r",
                                          Code={"ZipFile": code}, Timeout=60, MemorySize=512,
                                          Environment={"Variables": {"THUMBNAIL_BUCKET": "photo-thumbnails", "THUMBNAIL_WIDTH": "128"}})["FunctionArn"]
                lam.get_waiter("function_active_v2").wait(FunctionName="thumbnail")
                lam.add_permission(FunctionName="thumbnail", StatementId="s3-invoke", Action="lambda:InvokeFunction", Principal="s3.amazonaws.com",
                                   SourceArn="arn:aws:s3:::photos", SourceAccount="000000000000")
                s3.put_bucket_notification_configuration(Bucket="photos", NotificationConfiguration={"LambdaFunctionConfigurations": [{
                    "Id": "thumbnails", "LambdaFunctionArn": arn, "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "uploads/"}, {"Name": "suffix", "Value": ".png"}]}}}]})
                s3.upload_file(IMAGE_PATH, "photos", "uploads/holiday photo.png")
                deadline = time.time() + 180
                while True:
                    try:
                        thumb = s3.get_object(Bucket="photo-thumbnails", Key="thumbnails/uploads/holiday photo.png")
                        break
                    except botocore.exceptions.ClientError as e:
                        if error_code(e) != "NoSuchKey":
                            raise
                    if time.time() > deadline:
                        try:
                            events = logs.filter_log_events(logGroupName="/aws/lambda/thumbnail")["events"]
                        except Exception as e:
                            events = [{"message": "no logs: " + str(e)}]
                        raise SystemExit("waiting for the thumbnail: none within 180 s; function log:\n" + "".join(ev["message"] for ev in events))
                    time.sleep(0.5)
                body = thumb["Body"].read()
                print(json.dumps({"contentType": thumb["ContentType"], "thumbnail": base64.b64encode(body).decode(),
                                  "others": [o["Key"] for o in s3.list_objects_v2(Bucket="photo-thumbnails").get("Contents", [])]}))
                """.Replace("ZIP_PATH", Quote(zip), StringComparison.Ordinal).Replace("IMAGE_PATH", Quote(image), StringComparison.Ordinal));
            var thumbnail = Convert.FromBase64String(result.GetProperty("thumbnail").GetString()!);
            Assert.Equal((128, 96), Png.Size(thumbnail));
            Assert.Equal("image/png", result.GetProperty("contentType").GetString());
            Assert.Equal(["thumbnails/uploads/holiday photo.png"], result.GetProperty("others").EnumerateArray().Select(k => k.GetString()));
        }
        finally
        {
            File.Delete(image);
        }
    }

    /// <summary>The example's zip from the fixture script (cached under ~/.cache/nimbus; built with npm on first use).</summary>
    private static string Quote(string path) => "\"" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}

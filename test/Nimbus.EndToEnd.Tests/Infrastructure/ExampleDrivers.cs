namespace Nimbus.EndToEnd.Tests.Infrastructure;

/// <summary>The boto3 scripts <see cref="ExamplesTests"/> drives and inspects the deployed examples with.</summary>
internal static class ExampleDrivers
{
    /// <summary>Uploads wide.png and tall.png from IMAGES, waits for both thumbnails, returns them and the table's rows.</summary>
    public const string Thumbnails = """
        s3 = client("s3")
        for name in ("wide.png", "tall.png"):
            s3.upload_file(os.path.join(IMAGES, name), "photos", "uploads/" + name, ExtraArgs={"ContentType": "image/png"})  # as aws s3 cp does
            time.sleep(0.2)  # distinct upload times: the report lists them in this order
        found = {}
        deadline = time.time() + 240
        while len(found) < 2:
            for name in ("wide.png", "tall.png"):
                try:
                    found[name] = base64.b64encode(s3.get_object(Bucket="photo-thumbnails", Key="thumbnails/uploads/" + name)["Body"].read()).decode()
                except botocore.exceptions.ClientError as e:
                    if error_code(e) != "NoSuchKey":
                        raise
            if time.time() > deadline:
                events = client("logs").filter_log_events(logGroupName="/aws/lambda/thumbnail")["events"]
                raise SystemExit("waiting for thumbnails: %s within 240 s; log:\n%s" % (sorted(found), "".join(e["message"] for e in events)))
            time.sleep(0.5)
        # The row is written after the thumbnail: wait for both rows too.
        ddb = client("dynamodb")
        while True:
            rows = ddb.scan(TableName="photo-metadata", ConsistentRead=True)["Items"]
            if len(rows) == 2 or time.time() > deadline:
                break
            time.sleep(0.5)
        found["rows"] = rows
        print(json.dumps(found))
        """;

    /// <summary>The schedule's configuration and the reports its own firing wrote (waits for the first).</summary>
    public const string Schedule = """
        schedule = client("scheduler").get_schedule(Name="thumbnail-report-hourly")
        arn = client("lambda").get_function(FunctionName="thumbnail-report")["Configuration"]["FunctionArn"]
        s3 = client("s3")
        deadline = time.time() + 240
        while True:
            reports = [o["Key"] for o in s3.list_objects_v2(Bucket="photo-reports", Prefix="reports/").get("Contents", []) if o["Key"].endswith(".json")]
            if reports or time.time() > deadline:
                break
            time.sleep(0.5)
        print(json.dumps({"expression": schedule["ScheduleExpression"], "target": schedule["Target"]["Arn"], "state": schedule["State"],
                          "functionArn": arn, "scheduledReports": reports}))
        """;

    /// <summary>What is left of the examples after their remove scripts ran.</summary>
    public const string Leftovers = """
        names = {"thumbnail", "thumbnail-report", "items-api", "photos", "photo-thumbnails", "photo-reports", "items-web",
                 "photo-metadata", "items", "thumbnail-report-hourly"}
        print(json.dumps({
            "functions": [f["FunctionName"] for f in client("lambda").list_functions()["Functions"] if f["FunctionName"] in names],
            "buckets": [b["Name"] for b in client("s3").list_buckets()["Buckets"] if b["Name"] in names],
            "tables": [t for t in client("dynamodb").list_tables()["TableNames"] if t in names],
            "apis": [a["Name"] for a in client("apigatewayv2").get_apis()["Items"] if a["Name"] in names],
            "schedules": [s["Name"] for s in client("scheduler").list_schedules()["Schedules"] if s["Name"] in names],
        }))
        """;
}

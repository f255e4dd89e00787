namespace Nimbus.S3.Tests;

/// <summary>
/// boto3 helpers for the notification tests: a Python function that records every event it receives as an object in
/// a bucket (an unsigned PUT through the AWS_ENDPOINT_URL Nimbus gives functions, so it needs no SDK), and a poll
/// that waits for those records.
/// </summary>
internal static class NotificationScripts
{
    public const string Recorder = """
        import json, os, urllib.request, uuid

        def handler(event, context):
            url = os.environ["AWS_ENDPOINT_URL"] + "/" + os.environ["RECORD_BUCKET"] + "/" + uuid.uuid4().hex
            urllib.request.urlopen(urllib.request.Request(url, data=json.dumps(event).encode(), method="PUT")).read()
            return {}
        """;

    /// <summary>
    /// Defines <c>s3</c>, <c>lam</c>, <c>recorder(name, record_bucket, permit=True)</c> (returns the function ARN) and
    /// <c>records(bucket, count)</c> (the recorded events, in arrival order; fails naming the phase after 90 s).
    /// </summary>
    public static string Prelude => """
        s3 = client("s3")
        lam = client("lambda")
        RECORDER = '''
        """ + Recorder + """
        '''

        def recorder(name, record_bucket, permit=True, source_bucket=None):
            s3.create_bucket(Bucket=record_bucket)
            arn = lam.create_function(FunctionName=name, Runtime="python3.12", Handler="index.handler", Role="arn:aws:iam::000000000000:role/r",
                                      Code={"ZipFile": zip_of({"index.py": RECORDER})},
                                      Environment={"Variables": {"RECORD_BUCKET": record_bucket}})["FunctionArn"]
            if permit:
                kw = {"SourceArn": "arn:aws:s3:::" + source_bucket} if source_bucket else {}
                lam.add_permission(FunctionName=name, StatementId="s3", Action="lambda:InvokeFunction", Principal="s3.amazonaws.com",
                                   SourceAccount="000000000000", **kw)
            return arn

        def records(bucket, count, settle=0):
            deadline = time.time() + 90
            while True:
                objects = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
                if len(objects) >= count:
                    break
                if time.time() > deadline:
                    raise SystemExit(f"waiting for events: {len(objects)} of {count} arrived in {bucket} within 90 s")
                time.sleep(0.2)
            objects.sort(key=lambda o: o["LastModified"])
            return [json.loads(s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read()) for o in objects]

        def lambda_config(arn, events, prefix=None, suffix=None, id=None):
            c = {"LambdaFunctionArn": arn, "Events": events}
            rules = ([{"Name": "prefix", "Value": prefix}] if prefix is not None else []) + ([{"Name": "suffix", "Value": suffix}] if suffix is not None else [])
            if rules:
                c["Filter"] = {"Key": {"FilterRules": rules}}
            if id:
                c["Id"] = id
            return c

        def error_of_put(bucket, config):
            try:
                s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration=config)
            except botocore.exceptions.ClientError as e:
                return {"error": e.response["Error"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
            return None

        """;
}

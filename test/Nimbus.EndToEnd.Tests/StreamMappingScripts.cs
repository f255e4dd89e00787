namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// Python helpers for the DynamoDB stream → Lambda tests: a table with a stream, a function that prints every batch it
/// receives to its log (one line per batch), and readers that collect those batches back from CloudWatch Logs.
/// </summary>
internal static class StreamMappingScripts
{
    /// <summary>Prints each batch; fails when a record's new image has <c>poison</c> set, or reports it as a batch item failure when <c>partial</c>.</summary>
    public const string RecorderFunction = """
        import json

        def handler(event, context):
            print("ESM-BATCH " + json.dumps(event))
            poisoned = [r["dynamodb"]["SequenceNumber"] for r in event["Records"]
                        if r["dynamodb"].get("NewImage", {}).get("poison", {}).get("BOOL")]
            partial = any(r["dynamodb"].get("NewImage", {}).get("partial", {}).get("BOOL") for r in event["Records"])
            if poisoned and partial:
                return {"batchItemFailures": [{"itemIdentifier": s} for s in poisoned]}
            if poisoned:
                raise ValueError("poison record")
            return {"batchItemFailures": []}
        """;

    public const string Helpers = """
        ddb = client("dynamodb")
        lam = client("lambda")
        logs = client("logs")

        def make_table(view="NEW_AND_OLD_IMAGES"):
            name = "esm-" + os.urandom(4).hex()
            t = ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                                 AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST",
                                 StreamSpecification={"StreamEnabled": True, "StreamViewType": view})
            ddb.get_waiter("table_exists").wait(TableName=name)
            return name, t["TableDescription"]["LatestStreamArn"]

        def make_function(files, runtime="python3.12", handler="app.handler"):
            name = "esm-fn-" + os.urandom(4).hex()
            lam.create_function(FunctionName=name, Runtime=runtime, Handler=handler, Role="arn:aws:iam::000000000000:role/r",
                                Code={"ZipFile": zip_of(files)}, Timeout=30)
            lam.get_waiter("function_active_v2").wait(FunctionName=name)
            return name

        def wait_state(uuid, state, timeout=60):
            end = time.time() + timeout
            while True:
                m = lam.get_event_source_mapping(UUID=uuid)
                if m["State"] == state:
                    return m
                if time.time() > end:
                    raise Exception("mapping %s stayed %s, wanted %s" % (uuid, m["State"], state))
                time.sleep(0.2)

        def batches(function_name):
            out, kw = [], {"logGroupName": "/aws/lambda/" + function_name, "filterPattern": '"ESM-BATCH"'}
            try:
                while True:
                    r = logs.filter_log_events(**kw)
                    # Python prints the line as it is; Node.js prefixes it with timestamp, request id and level.
                    out += [(e["timestamp"], json.loads(e["message"][e["message"].index("ESM-BATCH ") + len("ESM-BATCH "):])) for e in r["events"]]
                    if "nextToken" not in r:
                        break
                    kw["nextToken"] = r["nextToken"]
            except logs.exceptions.ResourceNotFoundException:
                pass
            return [b for _, b in sorted(out, key=lambda x: x[0])]

        def keys_of(batch):
            return [r["dynamodb"]["Keys"]["pk"]["S"] for r in batch["Records"]]

        def wait_batches(function_name, done, timeout=120):
            end = time.time() + timeout
            while True:
                got = batches(function_name)
                if done(got):
                    return got
                if time.time() > end:
                    raise Exception("timed out waiting for batches; got %s" % [keys_of(b) for b in got])
                time.sleep(0.5)

        def delivered_keys(got):
            return [k for b in got for k in keys_of(b)]

        def put(table, pk, **attrs):
            item = {"pk": {"S": pk}}
            for k, v in attrs.items():
                item[k] = {"BOOL": v} if isinstance(v, bool) else {"N": str(v)} if isinstance(v, int) else {"S": v}
            ddb.put_item(TableName=table, Item=item)

        """;
}

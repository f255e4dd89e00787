using System.Text.Json;

namespace Nimbus.DynamoDb.Tests;

/// <summary>boto3, client and resource APIs, against a real in-process server.</summary>
public sealed class Boto3ItemTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    private const string CreateTable = """
        ddb = client("dynamodb")
        def create(name, **kw):
            args = dict(TableName=name, BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}])
            args.update(kw)
            ddb.create_table(**args)
            ddb.get_waiter("table_exists").wait(TableName=name)
        def err(call):
            try:
                call()
            except botocore.exceptions.ClientError as e:
                return {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"], "body": e.response}
            return None

        """;

    [Fact]
    public async Task ResourceApi_PutGetUpdateDelete_RoundTripsEveryType()
    {
        var result = await server.Boto3.RunAsync(CreateTable + """
            create("people")
            from decimal import Decimal
            from boto3.dynamodb.conditions import Key, Attr
            table = boto3.resource("dynamodb", endpoint_url=os.environ["NIMBUS_ENDPOINT"]).Table("people")
            item = {"pk": "p1", "sk": 1, "name": "Ada", "age": Decimal("36.5"), "blob": b"\x00\x01", "ok": True, "nothing": None,
                    "tags": {"a", "b"}, "nums": {1, 2}, "list": [1, "two", {"three": 3}], "map": {"nested": {"deep": "yes"}}, "empty": ""}
            table.put_item(Item=item)
            got = table.get_item(Key={"pk": "p1", "sk": 1}, ConsistentRead=True)["Item"]
            upd = table.update_item(Key={"pk": "p1", "sk": 1},
                UpdateExpression="SET age = age + :inc, #m.nested.deep = :no, #l[3] = :tail REMOVE nothing ADD nums :n DELETE tags :t",
                ExpressionAttributeNames={"#m": "map", "#l": "list"},
                ExpressionAttributeValues={":inc": Decimal("0.5"), ":no": "no", ":tail": "end", ":n": {3}, ":t": {"a"}},
                ReturnValues="UPDATED_NEW")["Attributes"]
            after = table.get_item(Key={"pk": "p1", "sk": 1})["Item"]
            old = table.delete_item(Key={"pk": "p1", "sk": 1}, ReturnValues="ALL_OLD")["Attributes"]
            gone = "Item" in table.get_item(Key={"pk": "p1", "sk": 1})
            print(json.dumps({"same": got == item, "upd": sorted(upd.keys()), "age": str(after["age"]), "deep": after["map"]["nested"]["deep"],
                "tail": after["list"][-1], "nums": sorted(int(n) for n in after["nums"]), "tags": sorted(after["tags"]), "hasNothing": "nothing" in after,
                "oldName": old["name"], "gone": gone}))
            """);
        Assert.True(result.GetProperty("same").GetBoolean());
        Assert.Equal(["age", "list", "map", "nums", "tags"], result.GetProperty("upd").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("37", result.GetProperty("age").GetString());
        Assert.Equal("no", result.GetProperty("deep").GetString());
        Assert.Equal("end", result.GetProperty("tail").GetString());
        Assert.Equal([1, 2, 3], result.GetProperty("nums").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Equal(["b"], result.GetProperty("tags").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.False(result.GetProperty("hasNothing").GetBoolean());
        Assert.Equal("Ada", result.GetProperty("oldName").GetString());
        Assert.False(result.GetProperty("gone").GetBoolean());
    }

    [Fact]
    public async Task ConditionalWrites_FailWithTheOldItemWhenAsked()
    {
        var result = await server.Boto3.RunAsync(CreateTable + """
            create("cond")
            ddb.put_item(TableName="cond", Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"N": "1"}})
            plain = err(lambda: ddb.put_item(TableName="cond", Item={"pk": {"S": "a"}, "sk": {"N": "1"}}, ConditionExpression="attribute_not_exists(pk)"))
            withItem = err(lambda: ddb.update_item(TableName="cond", Key={"pk": {"S": "a"}, "sk": {"N": "1"}}, UpdateExpression="SET v = :two",
                ConditionExpression="v = :zero", ExpressionAttributeValues={":two": {"N": "2"}, ":zero": {"N": "0"}}, ReturnValuesOnConditionCheckFailure="ALL_OLD"))
            ok = ddb.update_item(TableName="cond", Key={"pk": {"S": "a"}, "sk": {"N": "1"}}, UpdateExpression="SET v = v + :one",
                ConditionExpression="v = :one", ExpressionAttributeValues={":one": {"N": "1"}}, ReturnValues="UPDATED_OLD", ReturnConsumedCapacity="TOTAL")
            print(json.dumps({"plain": [plain["code"], plain["message"], plain["status"]], "item": withItem["body"].get("Item"),
                "old": ok["Attributes"], "capacity": ok["ConsumedCapacity"]}))
            """);
        var plain = result.GetProperty("plain");
        Assert.Equal("ConditionalCheckFailedException", plain[0].GetString());
        Assert.Equal("The conditional request failed", plain[1].GetString());
        Assert.Equal(400, plain[2].GetInt32());
        Assert.Equal("1", result.GetProperty("item").GetProperty("v").GetProperty("N").GetString());
        Assert.Equal("1", result.GetProperty("old").GetProperty("v").GetProperty("N").GetString());
        Assert.Equal(1.0, result.GetProperty("capacity").GetProperty("CapacityUnits").GetDouble());
    }

    [Fact]
    public async Task ValidationErrors_UseAwsWording()
    {
        var result = await server.Boto3.RunAsync(CreateTable + """
            create("valid")
            k = {"pk": {"S": "a"}, "sk": {"N": "1"}}
            cases = {
                "missingKey": err(lambda: ddb.put_item(TableName="valid", Item={"pk": {"S": "a"}})),
                "wrongType": err(lambda: ddb.put_item(TableName="valid", Item={"pk": {"S": "a"}, "sk": {"S": "x"}})),
                "badKey": err(lambda: ddb.get_item(TableName="valid", Key={"pk": {"S": "a"}})),
                "reserved": err(lambda: ddb.update_item(TableName="valid", Key=k, UpdateExpression="SET name = :v", ExpressionAttributeValues={":v": {"S": "x"}})),
                "unusedValue": err(lambda: ddb.put_item(TableName="valid", Item=k, ConditionExpression="attribute_exists(pk)", ExpressionAttributeValues={":v": {"S": "x"}})),
                "keyUpdate": err(lambda: ddb.update_item(TableName="valid", Key=k, UpdateExpression="SET pk = :v", ExpressionAttributeValues={":v": {"S": "x"}})),
                "noTable": err(lambda: ddb.get_item(TableName="nope", Key=k)),
                "exists": err(lambda: create("valid")),
                "tooBig": err(lambda: ddb.put_item(TableName="valid", Item={**k, "big": {"S": "x" * 410000}})),
                "emptySet": err(lambda: ddb.put_item(TableName="valid", Item={**k, "s": {"SS": []}})),
                "emptyKey": err(lambda: ddb.put_item(TableName="valid", Item={"pk": {"S": ""}, "sk": {"N": "1"}})),
                "badNumber": err(lambda: ddb.put_item(TableName="valid", Item={**k, "n": {"N": "1e999"}})),
                "legacyMix": err(lambda: ddb.get_item(TableName="valid", Key=k, AttributesToGet=["pk"], ProjectionExpression="pk")),
            }
            print(json.dumps({name: [c["code"], c["message"]] for name, c in cases.items()}))
            """);
        void Check(string name, string code, string message)
        {
            var error = result.GetProperty(name);
            Assert.Equal(code, error[0].GetString());
            Assert.Equal(message, error[1].GetString());
        }
        Check("missingKey", "ValidationException", "One or more parameter values were invalid: Missing the key sk in the item");
        Check("wrongType", "ValidationException", "One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S");
        Check("badKey", "ValidationException", "The provided key element does not match the schema");
        Check("reserved", "ValidationException", "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name");
        Check("unusedValue", "ValidationException", "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}");
        Check("keyUpdate", "ValidationException", "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key");
        Check("noTable", "ResourceNotFoundException", "Requested resource not found: Table: nope not found");
        Check("exists", "ResourceInUseException", "Table already exists: valid");
        Check("tooBig", "ValidationException", "Item size has exceeded the maximum allowed size");
        Check("emptySet", "ValidationException", "One or more parameter values were invalid: An string set  may not be empty");
        Check("emptyKey", "ValidationException", "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk");
        Check("badNumber", "ValidationException", "Number overflow. Attempting to store a number with magnitude larger than supported range");
        Check("legacyMix", "ValidationException", "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
    }

    [Fact]
    public async Task Transactions_AreAllOrNothingWithCancellationReasons()
    {
        var result = await server.Boto3.RunAsync(CreateTable + """
            create("txn")
            def key(n): return {"pk": {"S": "t"}, "sk": {"N": str(n)}}
            ddb.put_item(TableName="txn", Item={**key(1), "v": {"N": "1"}})
            cancelled = err(lambda: ddb.transact_write_items(TransactItems=[
                {"Put": {"TableName": "txn", "Item": {**key(2), "v": {"N": "2"}}}},
                {"ConditionCheck": {"TableName": "txn", "Key": key(1), "ConditionExpression": "v = :x", "ExpressionAttributeValues": {":x": {"N": "9"}},
                    "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}]))
            notWritten = "Item" in ddb.get_item(TableName="txn", Key=key(2))
            token = "token-1"
            items = [{"Update": {"TableName": "txn", "Key": key(1), "UpdateExpression": "SET v = v + :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}},
                     {"Delete": {"TableName": "txn", "Key": key(3)}}]
            ddb.transact_write_items(TransactItems=items, ClientRequestToken=token)
            ddb.transact_write_items(TransactItems=items, ClientRequestToken=token)
            mismatch = err(lambda: ddb.transact_write_items(TransactItems=items[:1], ClientRequestToken=token))
            dup = err(lambda: ddb.transact_write_items(TransactItems=[{"Delete": {"TableName": "txn", "Key": key(1)}}, {"Delete": {"TableName": "txn", "Key": key(1)}}]))
            got = ddb.transact_get_items(TransactItems=[{"Get": {"TableName": "txn", "Key": key(1)}}, {"Get": {"TableName": "txn", "Key": key(2)}}])["Responses"]
            print(json.dumps({"code": cancelled["code"], "message": cancelled["message"], "reasons": cancelled["body"]["CancellationReasons"],
                "notWritten": notWritten, "v": got[0]["Item"]["v"]["N"], "second": got[1], "mismatch": mismatch["code"], "dup": dup["message"]}))
            """);
        Assert.Equal("TransactionCanceledException", result.GetProperty("code").GetString());
        Assert.Equal("Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]", result.GetProperty("message").GetString());
        var reasons = result.GetProperty("reasons");
        Assert.Equal("None", reasons[0].GetProperty("Code").GetString());
        Assert.Equal("ConditionalCheckFailed", reasons[1].GetProperty("Code").GetString());
        Assert.Equal("1", reasons[1].GetProperty("Item").GetProperty("v").GetProperty("N").GetString());
        Assert.False(result.GetProperty("notWritten").GetBoolean());
        Assert.Equal("2", result.GetProperty("v").GetString());
        Assert.Equal(JsonValueKind.Object, result.GetProperty("second").ValueKind);
        Assert.Equal("IdempotentParameterMismatchException", result.GetProperty("mismatch").GetString());
        Assert.Equal("Transaction request cannot include multiple operations on one item", result.GetProperty("dup").GetString());
    }

    [Fact]
    public async Task Batches_WriteAndReadUpToTheirLimits()
    {
        var result = await server.Boto3.RunAsync(CreateTable + """
            create("batch")
            puts = [{"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": str(i)}}}} for i in range(25)]
            unprocessed = ddb.batch_write_item(RequestItems={"batch": puts})["UnprocessedItems"]
            tooMany = err(lambda: ddb.batch_write_item(RequestItems={"batch": puts + [{"DeleteRequest": {"Key": {"pk": {"S": "b"}, "sk": {"N": "99"}}}}]}))
            keys = [{"pk": {"S": "b"}, "sk": {"N": str(i)}} for i in range(30)]
            got = ddb.batch_get_item(RequestItems={"batch": {"Keys": keys, "ProjectionExpression": "sk"}})
            dupes = err(lambda: ddb.batch_get_item(RequestItems={"batch": {"Keys": keys[:2] + keys[:1]}}))
            print(json.dumps({"unprocessed": unprocessed, "tooMany": tooMany["code"], "count": len(got["Responses"]["batch"]),
                "unprocessedKeys": got["UnprocessedKeys"], "dupes": dupes["message"]}))
            """);
        Assert.Empty(result.GetProperty("unprocessed").EnumerateObject());
        Assert.Equal("ValidationException", result.GetProperty("tooMany").GetString());
        Assert.Equal(25, result.GetProperty("count").GetInt32());
        Assert.Empty(result.GetProperty("unprocessedKeys").EnumerateObject());
        Assert.Equal("Provided list of item keys contains duplicates", result.GetProperty("dupes").GetString());
    }
}

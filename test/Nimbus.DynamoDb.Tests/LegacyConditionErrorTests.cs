using static Nimbus.DynamoDb.Tests.DynamoScripts;

namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// Malformed legacy conditions (Expected, KeyConditions, QueryFilter, ScanFilter) are refused with AWS's messages; an
/// Expected condition may give its one argument as Value instead of AttributeValueList.
/// </summary>
public sealed class LegacyConditionErrorTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    private const string Invalid = "One or more parameter values were invalid: ";

    [Fact]
    public async Task MalformedLegacyConditions_AreRefusedWithAwsWording()
    {
        var result = await server.Boto3.RunAsync(DynamoScripts.With("""
            make("legacy", ("pk", "S"), ("sk", "N"))
            item = {"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "x"}}
            ddb.put_item(TableName="legacy", Item=item)
            put = lambda expected: err(lambda: ddb.put_item(TableName="legacy", Item=item, Expected=expected))
            n = lambda *xs: [{"N": str(x)} for x in xs]
            print(json.dumps({
                "eqNone": put({"v": {"ComparisonOperator": "EQ", "AttributeValueList": []}}),
                "betweenThree": put({"sk": {"ComparisonOperator": "BETWEEN", "AttributeValueList": n(1, 2, 3)}}),
                "nullOne": put({"v": {"ComparisonOperator": "NULL", "AttributeValueList": [{"S": "x"}]}}),
                "nullValue": put({"v": {"ComparisonOperator": "NULL", "Value": {"S": "x"}}}),
                "inNone": put({"v": {"ComparisonOperator": "IN", "AttributeValueList": []}}),
                "opAlone": put({"v": {"ComparisonOperator": "LT"}}),
                "opWithExists": put({"v": {"ComparisonOperator": "EQ", "Exists": True, "AttributeValueList": [{"S": "x"}]}}),
                "valueAndList": put({"v": {"ComparisonOperator": "EQ", "Value": {"S": "x"}, "AttributeValueList": [{"S": "x"}]}}),
                "listWithoutOp": put({"v": {"AttributeValueList": [{"S": "x"}]}}),
                "existsTrueNoValue": put({"v": {"Exists": True}}),
                "existsFalseWithValue": put({"v": {"Exists": False, "Value": {"S": "x"}}}),
                "neitherValueNorExists": put({"v": {}}),
                "keyConditionTwo": err(lambda: ddb.query(TableName="legacy", KeyConditions={
                    "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}, {"S": "b"}]}})),
                "queryFilterBetweenOne": err(lambda: ddb.query(TableName="legacy",
                    KeyConditions={"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]}},
                    QueryFilter={"v": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"S": "a"}]}})),
                "scanFilterNotNullOne": err(lambda: ddb.scan(TableName="legacy", ScanFilter={"v": {"ComparisonOperator": "NOT_NULL", "AttributeValueList": [{"S": "a"}]}})),
                # Well-formed: Value stands for a one-element AttributeValueList.
                "valueForList": put({"v": {"ComparisonOperator": "EQ", "Value": {"S": "x"}}}),
                "valueForListFails": put({"v": {"ComparisonOperator": "EQ", "Value": {"S": "y"}}}),
            }))
            """));
        void Check(string name, string message) =>
            Assert.True(("ValidationException", 400, message) == Error(result.GetProperty(name)), $"{name}: {result.GetProperty(name)}");
        Check("eqNone", Invalid + "Invalid number of argument(s) for the EQ ComparisonOperator");
        Check("betweenThree", Invalid + "Invalid number of argument(s) for the BETWEEN ComparisonOperator");
        Check("nullOne", Invalid + "Invalid number of argument(s) for the NULL ComparisonOperator");
        Check("nullValue", Invalid + "Invalid number of argument(s) for the NULL ComparisonOperator");
        Check("inNone", Invalid + "Invalid number of argument(s) for the IN ComparisonOperator");
        Check("opAlone", Invalid + "Value or AttributeValueList must be used with ComparisonOperator: LT for Attribute: v");
        Check("opWithExists", Invalid + "Exists and ComparisonOperator cannot be used together for Attribute: v");
        Check("valueAndList", Invalid + "Value and AttributeValueList cannot be used together for Attribute: v");
        Check("listWithoutOp", Invalid + "AttributeValueList can only be used with a ComparisonOperator for Attribute: v");
        Check("existsTrueNoValue", Invalid + "Value must be provided when Exists is true for Attribute: v");
        Check("existsFalseWithValue", Invalid + "Value cannot be used when Exists is false for Attribute: v");
        Check("neitherValueNorExists", Invalid + "Value must be provided when Exists is null for Attribute: v");
        Check("keyConditionTwo", Invalid + "Invalid number of argument(s) for the EQ ComparisonOperator");
        Check("queryFilterBetweenOne", Invalid + "Invalid number of argument(s) for the BETWEEN ComparisonOperator");
        Check("scanFilterNotNullOne", Invalid + "Invalid number of argument(s) for the NOT_NULL ComparisonOperator");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("valueForList").ValueKind);
        Assert.Equal(("ConditionalCheckFailedException", 400, "The conditional request failed"), Error(result.GetProperty("valueForListFails")));
    }
}

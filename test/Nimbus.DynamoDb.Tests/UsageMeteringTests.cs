using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nimbus.Billing.Usage;

namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// On-demand usage through the real server: a known boto3 workload gives AWS's read and write request units, and
/// table storage is metered in GB-Month, all read back from <c>/_nimbus/costs</c>.
/// </summary>
public sealed class UsageMeteringTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task Workload_IsMeteredInRequestUnitsAndStorage()
    {
        // Items of 1,504 bytes ("id"+"mN" = 4, "data" + 1,496 = 1,500): 2 write units, 1 read unit (0.5 eventually consistent).
        var result = await server.Boto3.RunAsync("""
            ddb = client("dynamodb")
            ddb.create_table(TableName="metered", BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
            def item(i):
                return {"id": {"S": "m" + str(i)}, "data": {"S": "x" * 1496}}
            for i in (1, 2, 3):
                ddb.put_item(TableName="metered", Item=item(i))                                                  # 3 x 2 WRU
            ddb.get_item(TableName="metered", Key={"id": {"S": "m1"}}, ConsistentRead=True)                    # 1 RRU
            ddb.get_item(TableName="metered", Key={"id": {"S": "m1"}})                                         # 0.5 RRU
            ddb.get_item(TableName="metered", Key={"id": {"S": "none"}})                                       # 0.5 RRU
            ddb.update_item(TableName="metered", Key={"id": {"S": "m1"}}, UpdateExpression="SET n = :n",
                ExpressionAttributeValues={":n": {"N": "1"}})                                                  # 1,507 bytes: 2 WRU
            ddb.delete_item(TableName="metered", Key={"id": {"S": "m3"}})                                      # 2 WRU
            # Failed conditional writes are charged for the existing item, at least 1 WRU.
            failed = [error_of(lambda: ddb.put_item(TableName="metered", Item=item(2), ConditionExpression="attribute_not_exists(id)")),  # 2 WRU
                error_of(lambda: ddb.update_item(TableName="metered", Key={"id": {"S": "none"}}, UpdateExpression="SET n = :n",
                    ConditionExpression="attribute_exists(id)", ExpressionAttributeValues={":n": {"N": "1"}})),                  # 1 WRU
                error_of(lambda: ddb.delete_item(TableName="metered", Key={"id": {"S": "m1"}}, ConditionExpression="n = :five",
                    ExpressionAttributeValues={":five": {"N": "5"}}))]                                                         # 1,507 bytes: 2 WRU
            ddb.transact_write_items(TransactItems=[{"Put": {"TableName": "metered", "Item": item(4)}}])      # 2 x 2 WRU
            # A transaction cancelled by a condition ran its prepare phase: one standard write per action, sized on the
            # existing item (at least 1 WRU), and nothing is written.
            cancelled = error_of(lambda: ddb.transact_write_items(ReturnConsumedCapacity="TOTAL", TransactItems=[
                {"Put": {"TableName": "metered", "Item": item(2), "ConditionExpression": "attribute_not_exists(id)"}},      # 2 WRU
                {"ConditionCheck": {"TableName": "metered", "Key": {"id": {"S": "none"}}, "ConditionExpression": "attribute_not_exists(id)"}}]))  # 1 WRU
            ddb.transact_get_items(TransactItems=[{"Get": {"TableName": "metered", "Key": {"id": {"S": "m1"}}}}])  # 2 x 1 RRU
            ddb.query(TableName="metered", KeyConditionExpression="id = :i", ExpressionAttributeValues={":i": {"S": "m1"}}, ConsistentRead=True)  # 1 RRU
            ddb.scan(TableName="metered")                                                                      # 4,515 bytes: 2 x 0.5 RRU
            ddb.batch_write_item(RequestItems={"metered": [{"PutRequest": {"Item": item(5)}}]})               # 2 WRU
            ddb.batch_get_item(RequestItems={"metered": {"Keys": [{"id": {"S": "m5"}}]}})                     # 0.5 RRU
            bad = error_of(lambda: ddb.get_item(TableName="metered", Key={"wrong": {"S": "x"}}))
            table = ddb.describe_table(TableName="metered")["Table"]
            print(json.dumps({"items": table["ItemCount"], "bytes": table["TableSizeBytes"], "bad": bad, "failed": [f["code"] for f in failed], "cancelled": cancelled}))
            """);
        Assert.Equal(4, result.GetProperty("items").GetInt32());
        Assert.Equal(6019, result.GetProperty("bytes").GetInt32());
        Assert.Equal("ValidationException", result.GetProperty("bad").GetProperty("code").GetString());
        Assert.Equal(["ConditionalCheckFailedException", "ConditionalCheckFailedException", "ConditionalCheckFailedException"],
            result.GetProperty("failed").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("TransactionCanceledException", result.GetProperty("cancelled").GetProperty("code").GetString());

        // Storage is sampled from now on, every second, with the table no longer changing.
        server.Host.Services.GetRequiredService<DynamoDbSettings>().StorageSampleInterval = TimeSpan.FromSeconds(1);
        var now = DateTime.UtcNow;
        var perSample = (6019 + 4 * 100) / (1024.0 * 1024 * 1024) * (1 / 3600.0) / (DateTime.DaysInMonth(now.Year, now.Month) * 24.0);
        var usage = await UsageAsync(now, u => u.ContainsKey("TimedStorage-ByteHrs"));
        Assert.Equal(24m, usage["WriteRequestUnits"]);
        Assert.Equal(6.5m, usage["ReadRequestUnits"]);
        var samples = (double)usage["TimedStorage-ByteHrs"] / perSample;
        // The cost store keeps decimals (about 15 significant digits), so one sample may read back as 0.999999999999998.
        Assert.True(Math.Round(samples) >= 1 && Math.Abs(samples - Math.Round(samples)) < 1e-3, $"storage {usage["TimedStorage-ByteHrs"]} GB-Month is not a whole number of samples of {perSample}");
    }

    /// <summary>The dynamodb usage lines of this month's cost report, once <paramref name="ready"/> says they are complete.</summary>
    private async Task<Dictionary<string, decimal>> UsageAsync(DateTime now, Func<Dictionary<string, decimal>, bool> ready)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await server.Host.Services.GetRequiredService<UsageRecorder>().FlushAsync();
            var costs = JsonDocument.Parse(await http.GetStringAsync($"{server.EndpointUrl}/_nimbus/costs?month={now:yyyy-MM}")).RootElement;
            var usage = costs.GetProperty("services").EnumerateArray()
                .Where(s => s.GetProperty("service").GetString() == "dynamodb")
                .SelectMany(s => s.GetProperty("usage").EnumerateArray())
                .ToDictionary(u => u.GetProperty("usageType").GetString()!, u => u.GetProperty("quantity").GetDecimal());
            if (ready(usage))
            {
                return usage;
            }
            Assert.True(DateTime.UtcNow < deadline, $"no storage sample reached the cost report within 60 s; usage so far: {string.Join(", ", usage)}");
            await Task.Delay(200);
        }
    }
}

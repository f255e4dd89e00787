using static Nimbus.DynamoDb.Tests.DynamoScripts;

namespace Nimbus.DynamoDb.Tests;

/// <summary>ListTables pages: Limit, ExclusiveStartTableName and LastEvaluatedTableName, by hand and with boto3's paginator.</summary>
public sealed class ListTablesPaginationTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task ListTables_PagesInNameOrder_AndTheLastPageHasNoLastEvaluatedTableName()
    {
        var result = await server.Boto3.RunAsync(DynamoScripts.With("""
            # Created out of order: the listing is by name.
            for c in "gacebfd":
                make("lt-" + c, ("pk", "S"))
            pages, start = [], None
            while True:
                page = ddb.list_tables(Limit=3, **({"ExclusiveStartTableName": start} if start else {}))
                pages.append([page["TableNames"], page.get("LastEvaluatedTableName")])
                start = page.get("LastEvaluatedTableName")
                if not start or len(pages) > 5: break
            # The start name need not be a table: the page begins after it.
            between = ddb.list_tables(ExclusiveStartTableName="lt-cc", Limit=2)
            whole = ddb.list_tables(Limit=100)
            paginated = [n for p in ddb.get_paginator("list_tables").paginate(PaginationConfig={"PageSize": 2}) for n in p["TableNames"]]
            print(json.dumps({"pages": pages, "between": [between["TableNames"], between.get("LastEvaluatedTableName")],
                "whole": [whole["TableNames"], "LastEvaluatedTableName" in whole], "paginated": paginated,
                "low": err(lambda: ddb.list_tables(Limit=0)), "high": err(lambda: ddb.list_tables(Limit=101))}))
            """));
        Assert.Equal("""[[["lt-a","lt-b","lt-c"],"lt-c"],[["lt-d","lt-e","lt-f"],"lt-f"],[["lt-g"],null]]""", Compact(result, "pages"));
        Assert.Equal("""[["lt-d","lt-e"],"lt-e"]""", Compact(result, "between"));
        string[] all = ["lt-a", "lt-b", "lt-c", "lt-d", "lt-e", "lt-f", "lt-g"];
        Assert.Equal(all, result.GetProperty("whole")[0].EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.False(result.GetProperty("whole")[1].GetBoolean());
        Assert.Equal(all, result.GetProperty("paginated").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(("ValidationException", 400, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"),
            Error(result.GetProperty("low")));
        Assert.Equal(("ValidationException", 400, "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100"),
            Error(result.GetProperty("high")));
    }
}

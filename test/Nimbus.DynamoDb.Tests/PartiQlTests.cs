namespace Nimbus.DynamoDb.Tests;

/// <summary>PartiQL (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction) with boto3 and the AWS CLI, errors included.</summary>
public sealed class PartiQlTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    /// <summary>The boto3 prelude every PartiQL test shares: the client, err(), create() of a pk/sk table, run().</summary>
    internal const string Setup = """
        ddb = client("dynamodb")
        def err(call):
            try:
                call()
            except botocore.exceptions.ClientError as e:
                return {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
            return None
        def create(name, **extra):
            attributes = [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}] + extra.pop("attributes", [])
            ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST", AttributeDefinitions=attributes,
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}], **extra)
        def run(statement, *params, **kw):
            args = dict(Statement=statement, **kw)
            if params:
                args["Parameters"] = list(params)
            return ddb.execute_statement(**args)

        """;

    [Fact]
    public async Task ExecuteStatement_InsertSelectUpdateDelete_WithParametersAndPaging()
    {
        var result = await server.Boto3.RunAsync(Setup + """
            create("orders")
            run("INSERT INTO \"orders\" VALUE {'pk': 'u1', 'sk': 1, 'total': 10, 'tags': <<'a', 'b'>>, 'lines': [1, 2]}")
            for i in range(2, 6):
                run("INSERT INTO orders VALUE {'pk': ?, 'sk': ?, 'total': ?}", {"S": "u1"}, {"N": str(i)}, {"N": str(i * 10)})
            run("INSERT INTO orders VALUE {'pk': 'u2', 'sk': 1, 'total': 99}")
            one = run("SELECT * FROM orders WHERE pk = 'u1' AND sk = 1")["Items"]
            ranged = run("SELECT sk, total FROM \"orders\" WHERE pk = ? AND sk BETWEEN 2 AND 4 AND total >= 30", {"S": "u1"})["Items"]
            page1 = run("SELECT sk FROM orders WHERE pk = 'u1'", Limit=2)
            page2 = run("SELECT sk FROM orders WHERE pk = 'u1'", Limit=2, NextToken=page1["NextToken"])
            scanned = run("SELECT pk FROM orders WHERE total = 99")["Items"]
            updated = run("UPDATE orders SET total = total + 5 SET note = 'x' REMOVE lines WHERE pk = 'u1' AND sk = 1 RETURNING ALL NEW *")["Items"]
            deleted = run("DELETE FROM orders WHERE pk = 'u1' AND sk = 5 RETURNING ALL OLD *")["Items"]
            count = len(run("SELECT * FROM orders WHERE pk = 'u1'")["Items"])
            print(json.dumps({"one": one, "ranged": [[i["sk"]["N"], i["total"]["N"]] for i in ranged],
                "page1": [i["sk"]["N"] for i in page1["Items"]], "page2": [i["sk"]["N"] for i in page2["Items"]],
                "scanned": scanned, "updated": updated, "deleted": deleted, "count": count}))
            """);
        var one = Assert.Single(result.GetProperty("one").EnumerateArray());
        Assert.Equal("10", one.GetProperty("total").GetProperty("N").GetString());
        Assert.Equal(["a", "b"], one.GetProperty("tags").GetProperty("SS").EnumerateArray().Select(e => e.GetString()!).Order().ToArray());
        Assert.Equal(2, one.GetProperty("lines").GetProperty("L").GetArrayLength());
        Assert.Equal([["3", "30"], ["4", "40"]], result.GetProperty("ranged").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetString()!).ToArray()).ToArray());
        Assert.Equal(["1", "2"], result.GetProperty("page1").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(["3", "4"], result.GetProperty("page2").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("u2", Assert.Single(result.GetProperty("scanned").EnumerateArray()).GetProperty("pk").GetProperty("S").GetString());
        var updated = Assert.Single(result.GetProperty("updated").EnumerateArray());
        Assert.Equal("15", updated.GetProperty("total").GetProperty("N").GetString());
        Assert.Equal("x", updated.GetProperty("note").GetProperty("S").GetString());
        Assert.False(updated.TryGetProperty("lines", out _));
        Assert.Equal("50", Assert.Single(result.GetProperty("deleted").EnumerateArray()).GetProperty("total").GetProperty("N").GetString());
        Assert.Equal(4, result.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task ExecuteStatement_BadInput_GetsAwsErrors()
    {
        var result = await server.Boto3.RunAsync(Setup + """
            create("strict")
            run("INSERT INTO strict VALUE {'pk': 'a', 'sk': 1, 'v': 1}")
            print(json.dumps({
                "duplicate": err(lambda: run("INSERT INTO strict VALUE {'pk': 'a', 'sk': 1}")),
                "updateMissing": err(lambda: run("UPDATE strict SET v = 2 WHERE pk = 'zz' AND sk = 1")),
                "deleteMissing": err(lambda: run("DELETE FROM strict WHERE pk = 'zz' AND sk = 1")),
                "conditionFalse": err(lambda: run("UPDATE strict SET v = 2 WHERE pk = 'a' AND sk = 1 AND v = 5")),
                "partialKey": err(lambda: run("UPDATE strict SET v = 2 WHERE pk = 'a'")),
                "syntax": err(lambda: run("SELEC * FROM strict")),
                "unterminated": err(lambda: run("SELECT * FROM strict WHERE pk = 'a")),
                "parameters": err(lambda: run("SELECT * FROM strict WHERE pk = ?")),
                "extraParameters": err(lambda: run("SELECT * FROM strict WHERE pk = 'a'", {"S": "x"})),
                "noTable": err(lambda: run("SELECT * FROM nosuch WHERE pk = 'a'")),
                "keyUpdate": err(lambda: run("UPDATE strict SET sk = 2 WHERE pk = 'a' AND sk = 1")),
                "badToken": err(lambda: run("SELECT * FROM strict", NextToken="!!!")),
                "unchanged": run("SELECT v FROM strict WHERE pk = 'a' AND sk = 1")["Items"][0]["v"]["N"]}))
            """);
        void Expect(string name, string code, string? message = null)
        {
            var error = result.GetProperty(name);
            Assert.True(error.ValueKind == System.Text.Json.JsonValueKind.Object, $"{name} did not fail");
            Assert.Equal(code, error.GetProperty("code").GetString());
            Assert.Equal(400, error.GetProperty("status").GetInt32());
            if (message is not null)
            {
                Assert.Contains(message, error.GetProperty("message").GetString());
            }
        }
        Expect("duplicate", "DuplicateItemException", "Duplicate primary key exists in table");
        Expect("updateMissing", "ConditionalCheckFailedException", "The conditional request failed");
        Expect("deleteMissing", "ConditionalCheckFailedException");
        Expect("conditionFalse", "ConditionalCheckFailedException");
        Expect("partialKey", "ValidationException", "Where clause does not contain a mandatory equality on all key attributes");
        Expect("syntax", "ValidationException", "Statement wasn't well formed");
        Expect("unterminated", "ValidationException", "Statement wasn't well formed");
        Expect("parameters", "ValidationException", "Number of parameters in request and statement don't match.");
        Expect("extraParameters", "ValidationException", "Number of parameters in request and statement don't match.");
        Expect("noTable", "ResourceNotFoundException");
        Expect("keyUpdate", "ValidationException", "This attribute is part of the key");
        Expect("badToken", "ValidationException");
        Assert.Equal("1", result.GetProperty("unchanged").GetString());
    }

    [Fact]
    public async Task BatchAndTransaction_ReportPerStatementAndAllOrNothing()
    {
        var result = await server.Boto3.RunAsync(Setup + """
            create("batched")
            writes = ddb.batch_execute_statement(Statements=[
                {"Statement": "INSERT INTO batched VALUE {'pk': 'b', 'sk': 1, 'v': 1}"},
                {"Statement": "INSERT INTO batched VALUE {'pk': 'b', 'sk': 2, 'v': 2}"},
                {"Statement": "INSERT INTO batched VALUE {'pk': 'b', 'sk': 1}"},
                {"Statement": "UPDATE batched SET v = 9 WHERE pk = 'nope' AND sk = 1"}])["Responses"]
            reads = ddb.batch_execute_statement(Statements=[
                {"Statement": "SELECT * FROM batched WHERE pk = ? AND sk = ?", "Parameters": [{"S": "b"}, {"N": "1"}]},
                {"Statement": "SELECT * FROM batched WHERE pk = 'b' AND sk = 7"}])["Responses"]
            mixed = err(lambda: ddb.batch_execute_statement(Statements=[
                {"Statement": "SELECT * FROM batched WHERE pk = 'b' AND sk = 1"}, {"Statement": "DELETE FROM batched WHERE pk = 'b' AND sk = 1"}]))
            cancelled = err(lambda: ddb.execute_transaction(TransactStatements=[
                {"Statement": "UPDATE batched SET v = 100 WHERE pk = 'b' AND sk = 1"},
                {"Statement": "UPDATE batched SET v = 200 WHERE pk = 'b' AND sk = 2 AND v = 5"}]))
            ddb.execute_transaction(TransactStatements=[
                {"Statement": "UPDATE batched SET v = 100 WHERE pk = 'b' AND sk = 1"},
                {"Statement": "INSERT INTO batched VALUE {'pk': 'b', 'sk': 3}"}])
            got = ddb.execute_transaction(TransactStatements=[
                {"Statement": "SELECT v FROM batched WHERE pk = 'b' AND sk = 1"}, {"Statement": "SELECT * FROM batched WHERE pk = 'b' AND sk = 3"}])["Responses"]
            print(json.dumps({"writes": [r.get("Error", {}).get("Code") for r in writes], "reads": [r.get("Item", {}).get("v", {}).get("N") for r in reads],
                "mixed": mixed, "cancelled": cancelled, "got": got}))
            """);
        Assert.Equal(new[] { "-", "-", "DuplicateItem", "ConditionalCheckFailed" }, result.GetProperty("writes").EnumerateArray().Select(e => e.ValueKind == System.Text.Json.JsonValueKind.Null ? "-" : e.GetString()!).ToArray());
        Assert.Equal(new[] { "1", "-" }, result.GetProperty("reads").EnumerateArray().Select(e => e.ValueKind == System.Text.Json.JsonValueKind.Null ? "-" : e.GetString()!).ToArray());
        Assert.Equal("ValidationException", result.GetProperty("mixed").GetProperty("code").GetString());
        Assert.Equal("TransactionCanceledException", result.GetProperty("cancelled").GetProperty("code").GetString());
        var got = result.GetProperty("got");
        Assert.Equal("100", got[0].GetProperty("Item").GetProperty("v").GetProperty("N").GetString());
        Assert.Equal("b", got[1].GetProperty("Item").GetProperty("pk").GetProperty("S").GetString());
    }

    [Fact]
    public async Task SetAddDelete_ConditionFunctions_Exists_AndDuplicateItemInTransactions()
    {
        var result = await server.Boto3.RunAsync(Setup + """
            create("sets")
            run("INSERT INTO sets VALUE {'pk': 's', 'sk': 1, 'tags': <<'a'>>, 'n': 5, 'name': 'alpha'}")
            run("UPDATE sets SET tags = set_add(tags, <<'b', 'c'>>) WHERE pk = 's' AND sk = 1")
            after = run("UPDATE sets SET tags = set_delete(tags, <<'a'>>), n = n + 1 SET more = set_add(more, <<1, 2>>) WHERE pk = 's' AND sk = 1 RETURNING ALL NEW *")["Items"][0]
            def keys(statement):
                return [i["sk"]["N"] for i in run(statement)["Items"]]
            def reasons(statements):
                try:
                    ddb.execute_transaction(TransactStatements=[{"Statement": s} for s in statements])
                except botocore.exceptions.ClientError as e:
                    return [r["Code"] for r in e.response["CancellationReasons"]]
                return None
            checked = reasons(["EXISTS(SELECT * FROM sets WHERE pk = 's' AND sk = 1 AND n = 6)", "INSERT INTO sets VALUE {'pk': 's', 'sk': 2}"])
            failed = reasons(["EXISTS(SELECT * FROM sets WHERE pk = 's' AND sk = 1 AND n = 99)", "INSERT INTO sets VALUE {'pk': 's', 'sk': 3}"])
            missing = reasons(["EXISTS(SELECT * FROM sets WHERE pk = 'nobody' AND sk = 1)", "INSERT INTO sets VALUE {'pk': 's', 'sk': 4}"])
            duplicate = reasons(["INSERT INTO sets VALUE {'pk': 's', 'sk': 1}", "UPDATE sets SET n = 0 WHERE pk = 's' AND sk = 2"])
            print(json.dumps({
                "tags": sorted(after["tags"]["SS"]), "more": sorted(after["more"]["NS"]), "n": after["n"]["N"],
                "in": keys("SELECT * FROM sets WHERE pk = 's' AND n IN [6, 7]"), "notIn": keys("SELECT * FROM sets WHERE pk = 's' AND n IN (1, 2)"),
                "functions": keys("SELECT * FROM sets WHERE pk = 's' AND begins_with(name, 'al') AND contains(tags, 'b') AND attribute_type(n, 'N') AND n BETWEEN 1 AND 10"),
                "checked": checked, "failed": failed, "missing": missing, "duplicate": duplicate,
                "rows": keys("SELECT * FROM sets WHERE pk = 's'"), "n2": run("SELECT * FROM sets WHERE pk = 's' AND sk = 2")["Items"][0].get("n"),
                "mismatch": err(lambda: run("UPDATE sets SET tags = set_add(more, <<'x'>>) WHERE pk = 's' AND sk = 1")),
                "existsAlone": err(lambda: run("EXISTS(SELECT * FROM sets WHERE pk = 's' AND sk = 1)")),
                "existsInBatch": ddb.batch_execute_statement(Statements=[{"Statement": "EXISTS(SELECT * FROM sets WHERE pk = 's' AND sk = 1)"}])["Responses"][0]["Error"]["Code"]}))
            """);
        string[] Strings(string name) => result.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(["b", "c"], Strings("tags"));
        Assert.Equal(["1", "2"], Strings("more"));
        Assert.Equal("6", result.GetProperty("n").GetString());
        Assert.Equal(["1"], Strings("in"));
        Assert.Empty(Strings("notIn"));
        Assert.Equal(["1"], Strings("functions"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("checked").ValueKind);
        Assert.Equal(["ConditionalCheckFailed", "None"], Strings("failed"));
        Assert.Equal(["ConditionalCheckFailed", "None"], Strings("missing"));
        Assert.Equal(["DuplicateItem", "None"], Strings("duplicate"));
        Assert.Equal(["1", "2"], Strings("rows"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("n2").ValueKind);
        Assert.Equal("ValidationException", result.GetProperty("mismatch").GetProperty("code").GetString());
        Assert.Equal("ValidationException", result.GetProperty("existsAlone").GetProperty("code").GetString());
        Assert.Equal("ValidationError", result.GetProperty("existsInBatch").GetString());
    }

    [Fact]
    public async Task Cli_ExecuteStatement()
    {
        var cli = server.Cli;
        await cli.JsonAsync("dynamodb", "create-table", "--table-name", "cli-partiql", "--attribute-definitions", "AttributeName=id,AttributeType=S",
            "--key-schema", "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST");
        await cli.JsonAsync("dynamodb", "execute-statement", "--statement", "INSERT INTO \"cli-partiql\" VALUE {'id': 'x', 'n': 3}");
        var selected = await cli.JsonAsync("dynamodb", "execute-statement", "--statement", "SELECT n FROM \"cli-partiql\" WHERE id = ?",
            "--parameters", "[{\"S\":\"x\"}]");
        Assert.Equal("3", Assert.Single(selected.GetProperty("Items").EnumerateArray()).GetProperty("n").GetProperty("N").GetString());
        var message = await cli.FailsWithAsync("DuplicateItemException", "dynamodb", "execute-statement", "--statement", "INSERT INTO \"cli-partiql\" VALUE {'id': 'x'}");
        Assert.Contains("Duplicate primary key", message);
    }
}

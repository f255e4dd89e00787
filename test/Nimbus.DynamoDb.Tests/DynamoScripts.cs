using System.Text.Json;

namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// Python shared by the boto3 DynamoDB tests: a client that leaves all validation to the server, errors as
/// [code, status, message], and a table maker taking the key as (name, type) pairs, hash first.
/// </summary>
internal static class DynamoScripts
{
    public const string Client = """
        # No client-side validation: the server must answer bad input itself.
        ddb = boto3.client("dynamodb", endpoint_url=os.environ["NIMBUS_ENDPOINT"], config=Config(retries={"max_attempts": 1}, parameter_validation=False))
        def err(call):
            try:
                call()
            except botocore.exceptions.ClientError as e:
                return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Message"]]
            return None
        def make(name, *key, **extra):
            ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": n, "AttributeType": t} for n, t in key],
                KeySchema=[{"AttributeName": n, "KeyType": k} for (n, _), k in zip(key, ["HASH", "RANGE"])], **extra)

        """;

    /// <summary>Joins the helpers and a test's script (both dedented by the runner as one block).</summary>
    public static string With(string script) => Client + script;

    /// <summary>What <c>err</c> returned, to compare as one value.</summary>
    public static (string? Code, int Status, string? Message) Error(JsonElement error) =>
        error.ValueKind == JsonValueKind.Null ? (null, 0, null) : (error[0].GetString(), error[1].GetInt32(), error[2].GetString());

    /// <summary>A JSON value with the spaces Python's json.dumps puts after separators taken out.</summary>
    public static string Compact(JsonElement result, string name) => JsonSerializer.Serialize(result.GetProperty(name));
}

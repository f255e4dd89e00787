namespace Nimbus.DynamoDb.Tests;

/// <summary>Python shared by the backup, PITR, contributor insights and policy tests: a table with both kinds of index.</summary>
internal static class BackupScripts
{
    public const string Errors = DynamoScripts.Client + """
        def make_table(name, **extra):
            ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
                    {"AttributeName": "g", "AttributeType": "S"}, {"AttributeName": "l", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                GlobalSecondaryIndexes=[{"IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                    "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["v"]}}],
                LocalSecondaryIndexes=[{"IndexName": "by-l", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "l", "KeyType": "RANGE"}],
                    "Projection": {"ProjectionType": "KEYS_ONLY"}}], **extra)

        """;

    /// <summary>Joins the helpers and a test's script (both dedented by the runner as one block).</summary>
    public static string With(string script) => Errors + script;
}

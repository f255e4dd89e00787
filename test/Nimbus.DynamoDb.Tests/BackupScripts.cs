namespace Nimbus.DynamoDb.Tests;

/// <summary>Python shared by the backup, PITR, contributor insights and policy tests: errors as [code, status, message].</summary>
internal static class BackupScripts
{
    public const string Errors = """
        # No client-side validation: the server must answer bad input itself.
        ddb = boto3.client("dynamodb", endpoint_url=os.environ["NIMBUS_ENDPOINT"], config=Config(retries={"max_attempts": 1}, parameter_validation=False))
        def err(call):
            try:
                call()
            except botocore.exceptions.ClientError as e:
                return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Message"]]
            return None
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

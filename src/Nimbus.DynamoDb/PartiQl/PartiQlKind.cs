namespace Nimbus.DynamoDb.PartiQl;

internal enum PartiQlKind
{
    Select,
    Insert,
    Update,
    Delete,

    /// <summary><c>EXISTS(SELECT …)</c>: a condition check in ExecuteTransaction.</summary>
    Exists,
}

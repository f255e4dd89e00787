namespace Nimbus.DynamoDb.PartiQl;

internal enum PartiQlKind
{
    Select,
    Insert,
    Update,
    Delete,
}

namespace Nimbus.DynamoDb.Expressions;

/// <summary>Which request parameter an expression came from: AWS names it in every error message.</summary>
internal enum ExpressionKind
{
    ConditionExpression,
    FilterExpression,
    KeyConditionExpression,
    ProjectionExpression,
    UpdateExpression,
}

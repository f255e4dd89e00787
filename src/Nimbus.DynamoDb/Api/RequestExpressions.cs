using System.Text.Json;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Api;

/// <summary>
/// The expression parameters of one request: ExpressionAttributeNames/Values checked as AWS checks them, and
/// each expression parsed against them. <see cref="Finish"/> rejects names or values no expression used.
/// </summary>
internal sealed class RequestExpressions
{
    private readonly JsonElement _input;
    private readonly ExpressionContext _context;

    public RequestExpressions(JsonElement input)
    {
        _input = input;
        var names = input.Member("ExpressionAttributeNames") is { } n ? input.StringMap("ExpressionAttributeNames") : null;
        var values = input.Member("ExpressionAttributeValues") is { } v ? ReadValues(v) : null;
        if (names is { Count: 0 })
        {
            throw DynamoDbErrors.Validation("ExpressionAttributeNames must not be empty");
        }
        if (values is { Count: 0 })
        {
            throw DynamoDbErrors.Validation("ExpressionAttributeValues must not be empty");
        }
        if (names?.Keys.FirstOrDefault(k => k.Length < 2 || k[0] != '#') is { } badName)
        {
            throw DynamoDbErrors.Validation($"ExpressionAttributeNames contains invalid key: Syntax error; key: \"{badName}\"");
        }
        if (values?.Keys.FirstOrDefault(k => k.Length < 2 || k[0] != ':') is { } badValue)
        {
            throw DynamoDbErrors.Validation($"ExpressionAttributeValues contains invalid key: Syntax error; key: \"{badValue}\"");
        }
        _context = new ExpressionContext(names, values);
        HasAny = ExpressionParameters.Any(p => input.Member(p) is not null);
        if (names is not null && !HasAny)
        {
            throw DynamoDbErrors.Validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (values is not null && !HasAny)
        {
            throw DynamoDbErrors.Validation("ExpressionAttributeValues can only be specified when using expressions: ConditionExpression, FilterExpression, KeyConditionExpression and UpdateExpression");
        }
    }

    private static readonly string[] ExpressionParameters = ["ConditionExpression", "FilterExpression", "KeyConditionExpression", "ProjectionExpression", "UpdateExpression"];

    public bool HasAny { get; }

    private static Dictionary<string, AttributeValue> ReadValues(JsonElement values)
    {
        var result = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var property in values.EnumerateObject())
        {
            try
            {
                result[property.Name] = AttributeValueReader.Read(property.Value);
            }
            catch (Nimbus.Core.AwsServiceException error) when (error.ErrorCode.EndsWith("ValidationException", StringComparison.Ordinal))
            {
                throw DynamoDbErrors.Validation($"ExpressionAttributeValues contains invalid value: {error.Message} for key {property.Name}");
            }
        }
        return result;
    }

    public Condition? Condition(string parameter, ExpressionKind kind) =>
        _input.OptionalString(parameter) is { } text ? ExpressionParser.ParseCondition(text, kind, _context) : null;

    public IReadOnlyList<DocumentPath>? Projection() =>
        _input.OptionalString("ProjectionExpression") is { } text ? ExpressionParser.ParseProjection(text, _context) : null;

    public IReadOnlyList<UpdateAction>? Update() =>
        _input.OptionalString("UpdateExpression") is { } text ? ExpressionParser.ParseUpdate(text, _context) : null;

    public void Finish() => _context.EnsureAllUsed();

    /// <summary>AWS refuses to mix a legacy parameter with its expression counterpart.</summary>
    public void NotBoth(string legacy, string expression)
    {
        if (_input.Member(legacy) is not null && _input.Member(expression) is not null)
        {
            throw DynamoDbErrors.Validation($"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {{{legacy}}} Expression parameters: {{{expression}}}");
        }
    }
}

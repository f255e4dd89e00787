using Nimbus.Core;

namespace Nimbus.DynamoDb.Expressions;

/// <summary>AWS's wording for expression errors: "Invalid &lt;Parameter&gt;: &lt;detail&gt;".</summary>
internal static class ExpressionErrors
{
    public static AwsServiceException Invalid(ExpressionKind kind, string detail) =>
        DynamoDbErrors.Validation($"Invalid {kind}: {detail}");

    public static AwsServiceException Syntax(ExpressionKind kind, string source, Token token, Token? previous)
    {
        var start = previous?.Start ?? token.Start;
        var end = Math.Min(source.Length, token.Kind == TokenKind.End ? source.Length : token.End);
        var near = source[start..end];
        return Invalid(kind, $"Syntax error; token: \"{token.Text}\", near: \"{near}\"");
    }

    public static AwsServiceException InvalidCharacter(ExpressionKind kind, char c, string source) =>
        Invalid(kind, $"Syntax error; token: \"{c}\", near: \"{source}\"");

    public static AwsServiceException Empty(ExpressionKind kind) => Invalid(kind, "The expression can not be empty;");

    public static AwsServiceException ReservedKeyword(ExpressionKind kind, string word) =>
        Invalid(kind, $"Attribute name is a reserved keyword; reserved keyword: {word}");

    public static AwsServiceException UndefinedName(ExpressionKind kind, string name) =>
        Invalid(kind, $"An expression attribute name used in the document path is not defined; attribute name: {name}");

    public static AwsServiceException UndefinedValue(ExpressionKind kind, string name) =>
        Invalid(kind, $"An expression attribute value used in expression is not defined; attribute value: {name}");

    public static AwsServiceException InvalidFunction(ExpressionKind kind, string name) =>
        Invalid(kind, $"Invalid function name; function: {name}");

    public static AwsServiceException OperandCount(ExpressionKind kind, string function, int count) =>
        Invalid(kind, $"Incorrect number of operands for operator or function; operator or function: {function}, number of operands: {count}");

    public static AwsServiceException OperandType(ExpressionKind kind, string function, string type) =>
        Invalid(kind, $"Incorrect operand type for operator or function; operator or function: {function}, operand type: {type}");

    public static AwsServiceException FunctionMisuse(ExpressionKind kind, string function) =>
        Invalid(kind, $"The function is not allowed to be used this way in an expression; function: {function}");

    public static AwsServiceException Overlap(ExpressionKind kind, DocumentPath one, DocumentPath two) =>
        Invalid(kind, $"Two document paths overlap with each other; must remove or rewrite one of these paths; path one: {one.Describe()}, path two: {two.Describe()}");

    /// <summary>Evaluation errors of update expressions (no "Invalid …" prefix, as AWS).</summary>
    public static AwsServiceException InvalidDocumentPath() =>
        DynamoDbErrors.Validation("The document path provided in the update expression is invalid for update");

    public static AwsServiceException MissingAttribute() =>
        DynamoDbErrors.Validation("The provided expression refers to an attribute that does not exist in the item");

    public static AwsServiceException IncorrectDataType() =>
        DynamoDbErrors.Validation("An operand in the update expression has an incorrect data type");
}

using Nimbus.Core;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Tests;

/// <summary>The expression library on its own: parse trees, evaluation and AWS's error wording.</summary>
public sealed class ExpressionParserTests
{
    private static AttributeValue S(string s) => AttributeValue.String(s);

    private static AttributeValue N(string n) => AttributeValue.Number(DynamoNumber.TryParse(n)!.Value);

    private static ExpressionContext Context(Dictionary<string, AttributeValue>? values = null, Dictionary<string, string>? names = null) => new(names, values);

    private static readonly Dictionary<string, AttributeValue> Item = new()
    {
        ["id"] = S("a"),
        ["n"] = N("5"),
        ["tags"] = AttributeValue.StringSet(["x", "y"]),
        ["doc"] = AttributeValue.Map(new Dictionary<string, AttributeValue> { ["lst"] = AttributeValue.List([N("1"), S("two")]) }),
    };

    [Theory]
    [InlineData("n = :five", true)]
    [InlineData("n <> :five", false)]
    [InlineData("gone <> :five", true)]
    [InlineData("gone = :five", false)]
    [InlineData("n BETWEEN :one AND :five", true)]
    [InlineData("n IN (:one, :five)", true)]
    [InlineData("NOT n < :five AND (attribute_exists(id) OR n > :one)", true)]
    [InlineData("contains(tags, :x) AND begins_with(id, :a)", true)]
    [InlineData("size(tags) = :two AND attribute_type(n, :ntype)", true)]
    [InlineData("doc.lst[1] = :two_s AND attribute_not_exists(doc.lst[2])", true)]
    [InlineData("#n > :one", true)]
    public void Condition_EvaluatesAsDynamoDb(string expression, bool expected)
    {
        var values = new Dictionary<string, AttributeValue>
        {
            [":five"] = N("5.0"), [":one"] = N("1"), [":x"] = S("x"), [":a"] = S("a"), [":two"] = N("2"), [":ntype"] = S("N"), [":two_s"] = S("two"),
        };
        var condition = ExpressionParser.ParseCondition(expression, ExpressionKind.ConditionExpression, Context(values, new() { ["#n"] = "n" }));
        Assert.Equal(expected, ConditionEvaluator.Evaluate(condition, Item));
    }

    [Theory]
    [InlineData("status = :v", "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status")]
    [InlineData("#missing = :v", "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #missing")]
    [InlineData("a = :nope", "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope")]
    [InlineData("a = ", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"= \"")]
    [InlineData("a == :v", "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"==\"")]
    [InlineData("foo(a)", "Invalid ConditionExpression: Invalid function name; function: foo")]
    [InlineData("begins_with(a)", "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1")]
    [InlineData("", "Invalid ConditionExpression: The expression can not be empty;")]
    public void Condition_RejectsWithAwsWording(string expression, string message)
    {
        var error = Assert.Throws<AwsServiceException>(() =>
            ExpressionParser.ParseCondition(expression, ExpressionKind.ConditionExpression, Context(new() { [":v"] = S("x") })));
        Assert.EndsWith("ValidationException", error.ErrorCode);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void UnusedNamesAndValues_AreRejected()
    {
        var context = Context(new() { [":v"] = S("x"), [":unused"] = S("y") });
        ExpressionParser.ParseCondition("a = :v", ExpressionKind.ConditionExpression, context);
        var error = Assert.Throws<AwsServiceException>(context.EnsureAllUsed);
        Assert.Equal("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}", error.Message);

        var names = Context(names: new() { ["#a"] = "a", ["#b"] = "b" });
        ExpressionParser.ParseProjection("#a", names);
        Assert.Equal("Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}", Assert.Throws<AwsServiceException>(names.EnsureAllUsed).Message);
    }

    [Fact]
    public void Update_AppliesEveryClauseAgainstTheOriginalItem()
    {
        var values = new Dictionary<string, AttributeValue>
        {
            [":one"] = N("1"), [":l"] = AttributeValue.List([S("three")]), [":z"] = S("z"), [":tags"] = AttributeValue.StringSet(["x"]),
            [":more"] = AttributeValue.StringSet(["w"]),
        };
        var actions = ExpressionParser.ParseUpdate(
            "SET n = n + :one, cpy = n, doc.lst = list_append(doc.lst, :l), fresh = if_not_exists(fresh, :z) REMOVE gone DELETE tags :tags ADD more :more",
            Context(values));
        var updated = UpdateApplier.Apply(actions, Item);
        Assert.Equal(N("6"), updated["n"]);
        Assert.Equal(N("5"), updated["cpy"]);
        Assert.Equal(S("z"), updated["fresh"]);
        Assert.Equal(["y"], updated["tags"].SS);
        Assert.Equal(["w"], updated["more"].SS);
    }

    [Theory]
    [InlineData("SET a = :v SET b = :v", "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;")]
    [InlineData("SET a = :v, a.b = :v", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]")]
    [InlineData("SET a = size(b)", "Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: size")]
    [InlineData("REMOVE", "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"REMOVE\"")]
    public void Update_RejectsWithAwsWording(string expression, string message)
    {
        var error = Assert.Throws<AwsServiceException>(() => ExpressionParser.ParseUpdate(expression, Context(new() { [":v"] = S("x") })));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Update_ArithmeticOnAString_IsAnIncorrectDataType()
    {
        var actions = ExpressionParser.ParseUpdate("SET id = id + :one", Context(new() { [":one"] = N("1") }));
        var error = Assert.Throws<AwsServiceException>(() => UpdateApplier.Apply(actions, Item));
        Assert.Equal("An operand in the update expression has an incorrect data type", error.Message);
    }

    [Fact]
    public void Projection_KeepsNestingAndCompactsListElements()
    {
        var paths = ExpressionParser.ParseProjection("doc.lst[1], n", Context());
        var projected = Projector.Project(Item, paths);
        Assert.Equal(N("5"), projected["n"]);
        Assert.Equal([S("two")], projected["doc"].M["lst"].L);
    }
}

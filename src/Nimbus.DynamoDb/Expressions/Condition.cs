namespace Nimbus.DynamoDb.Expressions;

/// <summary>A node of a condition, filter or key-condition expression.</summary>
internal abstract record Condition;

/// <summary><c>=</c>, <c>&lt;&gt;</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>.</summary>
internal sealed record Comparison(Operand Left, TokenKind Operator, Operand Right) : Condition;

internal sealed record BetweenCondition(Operand Value, Operand Low, Operand High) : Condition;

internal sealed record InCondition(Operand Value, IReadOnlyList<Operand> Options) : Condition;

internal sealed record AndCondition(Condition Left, Condition Right) : Condition;

internal sealed record OrCondition(Condition Left, Condition Right) : Condition;

internal sealed record NotCondition(Condition Inner) : Condition;

/// <summary><c>attribute_exists</c>, <c>attribute_not_exists</c>, <c>attribute_type</c>, <c>begins_with</c>, <c>contains</c>.</summary>
internal sealed record FunctionCondition(string Name, IReadOnlyList<Operand> Arguments) : Condition;

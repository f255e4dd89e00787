using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Expressions;

/// <summary>Something that evaluates to a value (or to nothing, when a path is missing from the item).</summary>
internal abstract record Operand;

internal sealed record PathOperand(DocumentPath Path) : Operand;

internal sealed record ValueOperand(string Placeholder, AttributeValue Value) : Operand;

/// <summary><c>size(path)</c>.</summary>
internal sealed record SizeOperand(Operand Argument) : Operand;

/// <summary><c>if_not_exists(path, value)</c> (update expressions only).</summary>
internal sealed record IfNotExistsOperand(DocumentPath Path, Operand Fallback) : Operand;

/// <summary><c>list_append(a, b)</c> (update expressions only).</summary>
internal sealed record ListAppendOperand(Operand First, Operand Second) : Operand;

/// <summary><c>a + b</c> or <c>a - b</c> (update expressions only).</summary>
internal sealed record ArithmeticOperand(Operand Left, bool Subtract, Operand Right) : Operand;

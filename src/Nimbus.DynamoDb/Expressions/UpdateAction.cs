namespace Nimbus.DynamoDb.Expressions;

/// <summary>One action of an update expression.</summary>
internal abstract record UpdateAction(DocumentPath Path);

internal sealed record SetAction(DocumentPath Path, Operand Value) : UpdateAction(Path);

internal sealed record RemoveAction(DocumentPath Path) : UpdateAction(Path);

internal sealed record AddAction(DocumentPath Path, ValueOperand Value) : UpdateAction(Path);

internal sealed record DeleteAction(DocumentPath Path, ValueOperand Value) : UpdateAction(Path);

namespace Nimbus.Core.Invocation;

/// <summary>
/// Who asks to invoke: a service principal (<c>s3.amazonaws.com</c>) acting for a resource (<c>arn:aws:s3:::bucket</c>)
/// owned by an account. A policy statement's <c>SourceArn</c> and <c>SourceAccount</c> conditions are matched against these.
/// </summary>
public sealed record FunctionInvokeSource(string Principal, string SourceArn, string SourceAccount);

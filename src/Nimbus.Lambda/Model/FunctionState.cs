namespace Nimbus.Lambda.Model;

/// <summary>The <c>State</c> of a function version (https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html).</summary>
internal enum FunctionState
{
    Pending,
    Active,
    Inactive,
    Failed,
}

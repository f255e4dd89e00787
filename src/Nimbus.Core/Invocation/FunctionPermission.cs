namespace Nimbus.Core.Invocation;

public enum FunctionPermission
{
    /// <summary>The function exists and a statement of its policy allows the source to invoke it.</summary>
    Allowed,

    /// <summary>No such function, or the ARN's qualifier names no version or alias of it.</summary>
    FunctionNotFound,

    /// <summary>The function exists but no statement allows this principal and source.</summary>
    NotAuthorized,
}

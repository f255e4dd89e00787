namespace Nimbus.Core;

/// <summary>
/// An error AWS would return: its code (the exception shape name in the service model), HTTP status and
/// message. Each protocol writes it in its own wire shape in exactly one place (Nimbus.Protocol).
/// </summary>
public class AwsServiceException : Exception
{
    public AwsServiceException(string errorCode, int statusCode, string message, bool isSenderFault = true)
        : base(message)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        IsSenderFault = isSenderFault;
    }

    /// <summary>The shape name clients switch on, e.g. <c>ResourceNotFoundException</c>.</summary>
    public string ErrorCode { get; }

    public int StatusCode { get; }

    /// <summary>True for client errors ("User"/"Sender"), false for service faults.</summary>
    public bool IsSenderFault { get; }

    /// <summary>Extra members of the error shape, e.g. Lambda's <c>Reason</c> on <c>TooManyRequestsException</c>.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = EmptyFields;

    /// <summary>
    /// Extra members that are structures or lists, already serialized as JSON (DynamoDB's <c>Item</c> and
    /// <c>CancellationReasons</c>). JSON protocols write them as they are.
    /// </summary>
    public IReadOnlyDictionary<string, string> JsonFields { get; init; } = EmptyFields;

    /// <summary>Extra response headers, e.g. <c>Retry-After</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = EmptyFields;

    private static readonly IReadOnlyDictionary<string, string> EmptyFields = new Dictionary<string, string>();
}

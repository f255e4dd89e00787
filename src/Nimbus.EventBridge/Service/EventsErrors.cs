using Nimbus.Core;

namespace Nimbus.EventBridge.Service;

/// <summary>EventBridge's errors (shapes of the <c>events/2015-10-07</c> model) with the messages AWS gives.</summary>
internal static class EventsErrors
{
    public static AwsServiceException Validation(string message) => new("ValidationException", 400, message);

    public static AwsServiceException InvalidSchedule() => Validation("Parameter ScheduleExpression is not valid.");

    public static AwsServiceException InvalidPattern(string reason) => new("InvalidEventPatternException", 400, $"Event pattern is not valid. Reason: {reason}");

    public static AwsServiceException RuleNotFound(string rule, string bus) =>
        new("ResourceNotFoundException", 400, $"Rule {rule} does not exist on EventBus {bus}.");

    public static AwsServiceException BusNotFound(string bus) => new("ResourceNotFoundException", 400, $"Event bus {bus} does not exist.");

    public static AwsServiceException BusExists(string bus) => new("ResourceAlreadyExistsException", 400, $"Event bus {bus} already exists.");

    public static AwsServiceException ResourceNotFound(string message) => new("ResourceNotFoundException", 400, message);

    public static AwsServiceException LimitExceeded(string message) => new("LimitExceededException", 400, message);

    public static AwsServiceException UnknownOperation(string target) =>
        new("UnknownOperationException", 400, $"The operation {target} is not supported by EventBridge.");

    public static AwsServiceException NotImplemented(string operation) =>
        new("UnsupportedOperation", 400, $"{operation} is not implemented in Nimbus yet (see docs/compatibility/events.md).");

    public static AwsServiceException Serialization(string message) => new("SerializationException", 400, message);

    /// <summary>AWS's constraint-violation text: <c>1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: …</c>.</summary>
    public static AwsServiceException Constraint(string? value, string member, string constraint) =>
        Validation($"1 validation error detected: Value {(value is null ? "null" : $"'{value}'")} at '{member}' failed to satisfy constraint: {constraint}");
}

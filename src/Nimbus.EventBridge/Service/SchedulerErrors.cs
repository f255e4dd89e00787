using Nimbus.Core;

namespace Nimbus.EventBridge.Service;

/// <summary>EventBridge Scheduler's errors (<c>scheduler/2021-06-30</c>): rest-json, the code in <c>x-amzn-ErrorType</c>.</summary>
internal static class SchedulerErrors
{
    public static AwsServiceException Validation(string message) => new("ValidationException", 400, message);

    public static AwsServiceException NotFound(string message) => new("ResourceNotFoundException", 404, message);

    public static AwsServiceException Conflict(string message) => new("ConflictException", 409, message);

    public static AwsServiceException ScheduleNotFound(string group, string name) => NotFound($"Schedule {name} does not exist.");

    public static AwsServiceException GroupNotFound(string group) => NotFound($"Schedule group {group} does not exist.");
}

using System.Text.RegularExpressions;
using Nimbus.CloudWatch.Logs.Model;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>
/// The service model's shape constraints (required, length, pattern, range, enum), checked as AWS's request
/// validation does and reported in its wording: <c>1 validation error detected: Value … at '…' failed to satisfy
/// constraint: …</c>.
/// </summary>
internal static partial class Check
{
    public static string Required(string? value, string member) =>
        value ?? throw LogsErrors.Validation(member, null, "Member must not be null");

    public static T Required<T>(T? value, string member) where T : class =>
        value ?? throw LogsErrors.Validation(member, null, "Member must not be null");

    /// <summary>LogGroupName: 1–512 of <c>[\.\-_/#A-Za-z0-9]</c>.</summary>
    public static string? GroupName(string? value, string member)
    {
        Length(value, member, 1, 512);
        if (value is not null && !GroupNamePattern().IsMatch(value))
        {
            throw LogsErrors.Validation(member, value, @"Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+");
        }
        return value;
    }

    /// <summary>LogStreamName: 1–512 characters, no <c>:</c> or <c>*</c>.</summary>
    public static string? StreamName(string? value, string member)
    {
        Length(value, member, 1, 512);
        if (value is not null && value.AsSpan().IndexOfAny(':', '*') >= 0)
        {
            throw LogsErrors.Validation(member, value, "Member must satisfy regular expression pattern: [^:*]*");
        }
        return value;
    }

    public static void Length(string? value, string member, int min, int max)
    {
        if (value is null)
        {
            return;
        }
        if (value.Length < min)
        {
            throw LogsErrors.Validation(member, value, $"Member must have length greater than or equal to {min}");
        }
        if (value.Length > max)
        {
            throw LogsErrors.Validation(member, value, $"Member must have length less than or equal to {max}");
        }
    }

    public static int? Range(int? value, string member, int min, int max)
    {
        if (value < min)
        {
            throw LogsErrors.Validation(member, value, $"Member must have value greater than or equal to {min}");
        }
        if (value > max)
        {
            throw LogsErrors.Validation(member, value, $"Member must have value less than or equal to {max}");
        }
        return value;
    }

    public static long? Timestamp(long? value, string member) =>
        value < 0 ? throw LogsErrors.Validation(member, value, "Member must have value greater than or equal to 0") : value;

    public static StreamOrder Order(string? value) => value switch
    {
        null or "LogStreamName" => StreamOrder.LogStreamName,
        "LastEventTime" => StreamOrder.LastEventTime,
        _ => throw LogsErrors.Validation("orderBy", value, "Member must satisfy enum value set: [LogStreamName, LastEventTime]"),
    };

    public static string? GroupClass(string? value) => value switch
    {
        null or "STANDARD" or "INFREQUENT_ACCESS" or "DELIVERY" => value,
        _ => throw LogsErrors.Validation("logGroupClass", value, "Member must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]"),
    };

    [GeneratedRegex(@"^[\.\-_/#A-Za-z0-9]+$")]
    private static partial Regex GroupNamePattern();
}

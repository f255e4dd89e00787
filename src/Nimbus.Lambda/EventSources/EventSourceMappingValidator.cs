using System.Globalization;
using System.Text.RegularExpressions;
using Nimbus.Core.Patterns;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.EventSources;

/// <summary>
/// Checks a Create/Update request as AWS does: first the model's constraints (one <c>ValidationException</c> listing
/// every violation), then the rules for DynamoDB stream sources (<c>InvalidParameterValueException</c>).
/// </summary>
internal static partial class EventSourceMappingValidator
{
    private const string ArnPattern = @"arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)";

    /// <summary>Event sources AWS accepts that Nimbus does not have (yet): refused with a message that says so.</summary>
    private static readonly string[] OtherAwsSources = ["kinesis", "sqs", "kafka", "mq", "rds"];

    public static void ValidateModel(EventSourceMappingInput input)
    {
        var violations = new List<string>();
        Range(violations, input.BatchSize, "batchSize", 1, 10000);
        Range(violations, input.MaximumBatchingWindowInSeconds, "maximumBatchingWindowInSeconds", 0, 300);
        Range(violations, input.ParallelizationFactor, "parallelizationFactor", 1, 10);
        Range(violations, input.MaximumRecordAgeInSeconds, "maximumRecordAgeInSeconds", -1, 604800);
        Range(violations, input.MaximumRetryAttempts, "maximumRetryAttempts", -1, 10000);
        Range(violations, input.TumblingWindowInSeconds, "tumblingWindowInSeconds", 0, 900);
        if (input.EventSourceArn is { } arn && !ArnRegex().IsMatch(arn))
        {
            violations.Add(LambdaErrors.Violation(arn, "eventSourceArn", "satisfy regular expression pattern: " + ArnPattern));
        }
        if (input.OnFailure is { Length: > 0 } destination && !DestinationRegex().IsMatch(destination))
        {
            violations.Add(LambdaErrors.Violation(destination, "destinationConfig.onFailure.destination", "satisfy regular expression pattern: " + LambdaService.DestinationPattern));
        }
        if (input.FunctionResponseTypes is { } types)
        {
            if (types.Count > 1)
            {
                violations.Add(LambdaErrors.Violation("[" + string.Join(", ", types) + "]", "functionResponseTypes", "have length less than or equal to 1"));
            }
            if (types.Any(t => t != "ReportBatchItemFailures"))
            {
                violations.Add(LambdaErrors.Violation("[" + string.Join(", ", types) + "]", "functionResponseTypes",
                    "satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]"));
            }
        }
        if (input.StartingPosition is { } position && position is not ("TRIM_HORIZON" or "LATEST" or "AT_TIMESTAMP"))
        {
            violations.Add(LambdaErrors.Violation(position, "startingPosition", "satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]"));
        }
        if (violations.Count > 0)
        {
            throw LambdaErrors.Validation(violations);
        }
    }

    /// <summary>The event source must be a DynamoDB stream ARN; other sources AWS knows are refused by name.</summary>
    public static void RequireDynamoDbStream(string? arn)
    {
        if (arn is null)
        {
            throw LambdaErrors.InvalidParameter("Unrecognized event source.");
        }
        var service = arn.Split(':') is { Length: > 2 } parts ? parts[2] : "";
        if (service == "dynamodb" && arn.Contains("/stream/", StringComparison.Ordinal))
        {
            return;
        }
        if (OtherAwsSources.Contains(service))
        {
            throw LambdaErrors.InvalidParameter(
                $"Nimbus supports only DynamoDB stream event sources; {service} event sources are not implemented. Unsupported source arn : {arn}");
        }
        throw LambdaErrors.InvalidParameter($"Unrecognized event source, must be kinesis, dynamodb stream or sqs. Unsupported source arn : {arn}");
    }

    /// <summary>The rules for stream sources that the model cannot express.</summary>
    public static void ValidateForStreams(EventSourceMappingInput input, string sourceArn, bool create)
    {
        if (input.OtherSourceParameters.Count > 0)
        {
            throw EventSourceErrors.UnsupportedParameter(input.OtherSourceParameters[0]);
        }
        if (create)
        {
            if (input.StartingPosition is null)
            {
                throw LambdaErrors.InvalidParameter(
                    "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.");
            }
            // DynamoDB Streams has no timestamp iterator.
            if (input.StartingPosition == "AT_TIMESTAMP" || input.HasStartingPositionTimestamp)
            {
                throw LambdaErrors.InvalidParameter("Unsupported starting position for arn type: " + sourceArn);
            }
        }
        if (input.HasOnSuccess)
        {
            throw EventSourceErrors.UnsupportedParameter("DestinationConfig");
        }
        if (input.MaximumRecordAgeInSeconds is int age and >= 0 and < 60)
        {
            throw LambdaErrors.InvalidParameter(
                "MaximumRecordAgeInSeconds must be -1 (infinite) or between 60 and 604800 seconds for stream event sources.");
        }
        if (input.TumblingWindowInSeconds is > 0)
        {
            throw LambdaErrors.InvalidParameter("Nimbus does not implement tumbling windows (TumblingWindowInSeconds) yet; use 0 or leave it out.");
        }
        if (input.HasDestinationConfig && input.OnFailure is { Length: > 0 } destination)
        {
            ValidateOnFailure(destination);
        }
    }

    /// <summary>
    /// AWS takes an SQS queue, an SNS topic or an S3 bucket as a stream mapping's on-failure destination (not a
    /// function: that is for asynchronous invocation). Nimbus delivers to S3 and refuses the two it does not have by name.
    /// </summary>
    private static void ValidateOnFailure(string destination)
    {
        if (!ArnRegex().IsMatch(destination))
        {
            throw LambdaErrors.InvalidParameter("The destination ARN " + destination + " is invalid.");
        }
        var service = destination.Split(':')[2];
        if (service is "sqs" or "sns")
        {
            throw LambdaErrors.InvalidParameter(
                $"Nimbus delivers on-failure records of stream event sources only to S3 buckets; {service} destinations are not implemented. Unsupported destination: {destination}");
        }
        if (StreamFailureDestination.S3Bucket(destination) is null)
        {
            throw LambdaErrors.InvalidParameter($"The provided destination config DestinationConfig(onSuccess=null, onFailure=OnFailure(destination={destination})) is invalid.");
        }
    }

    /// <summary>Each filter must be a valid pattern of Lambda's event filtering (EventBridge's pattern language).</summary>
    public static IReadOnlyList<string>? CompileFilters(IReadOnlyList<string?>? patterns)
    {
        if (patterns is null)
        {
            return null;
        }
        if (patterns.Count > 5)
        {
            throw LambdaErrors.InvalidParameter(string.Create(CultureInfo.InvariantCulture,
                $"The number of filters ({patterns.Count}) exceeds the limit of 5 filters per event source mapping."));
        }
        foreach (var pattern in patterns)
        {
            try
            {
                _ = EventPattern.Parse(pattern ?? throw new EventPatternException("missing"));
            }
            catch (EventPatternException)
            {
                throw LambdaErrors.InvalidParameter("Invalid filter pattern definition.");
            }
        }
        return patterns.Select(p => p!).ToList();
    }

    private static void Range(List<string> violations, int? value, string member, int min, int max)
    {
        if (value is int v && (v < min || v > max))
        {
            violations.Add(LambdaErrors.Violation(v.ToString(CultureInfo.InvariantCulture), member,
                v < min ? $"have value greater than or equal to {min}" : $"have value less than or equal to {max}"));
        }
    }

    [GeneratedRegex("^(" + LambdaService.DestinationPattern + ")$")]
    private static partial Regex DestinationRegex();

    [GeneratedRegex("^" + ArnPattern + "$")]
    private static partial Regex ArnRegex();
}

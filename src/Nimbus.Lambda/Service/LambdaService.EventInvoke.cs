using System.Text.RegularExpressions;
using Nimbus.Core;
using Nimbus.Lambda.Model;

namespace Nimbus.Lambda.Service;

/// <summary>
/// Event invoke configurations (<c>Put/Get/Update/Delete/ListFunctionEventInvokeConfig(s)</c>), one per qualifier,
/// stored in the function's document. Messages follow AWS's (as recorded by its API's answers).
/// </summary>
internal sealed partial class LambdaService
{
    internal const string DestinationPattern = @"$|kafka://([^.]([a-zA-Z0-9\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*)";

    /// <summary>Put replaces the whole configuration; Update (<paramref name="merge"/>) changes only what is given.</summary>
    public (string Qualifier, EventInvokeConfig Config) PutEventInvokeConfig(AwsScope scope, string name, string? qualifier, EventInvokeConfigInput input, bool merge)
    {
        ValidateEventInvokeInput(input);
        if (input.IsEmpty)
        {
            throw LambdaErrors.InvalidParameter("You must specify at least one of error handling or destination setting.");
        }
        var entry = Find(scope, name) ?? throw LambdaErrors.ResourceNotFound("The function doesn't exist.");
        var key = qualifier ?? "$LATEST";
        if (!HasQualifier(entry.Snapshot.Document, key))
        {
            throw LambdaErrors.ResourceNotFound("The function doesn't exist.");
        }
        ValidateDestinations(scope, name, input);
        EventInvokeConfig? stored = null;
        Mutate(entry, current =>
        {
            var existing = current.EventInvokeConfigs.GetValueOrDefault(key);
            if (merge && existing is null)
            {
                throw NoEventInvokeConfig(scope, name, key);
            }
            var basis = merge ? existing! : new EventInvokeConfig { LastModified = default };
            stored = basis with
            {
                MaximumRetryAttempts = input.MaximumRetryAttempts ?? basis.MaximumRetryAttempts,
                MaximumEventAgeInSeconds = input.MaximumEventAgeInSeconds ?? basis.MaximumEventAgeInSeconds,
                OnSuccess = input.HasDestinationConfig ? input.OnSuccess : basis.OnSuccess,
                OnFailure = input.HasDestinationConfig ? input.OnFailure : basis.OnFailure,
                LastModified = _time.GetUtcNow(),
            };
            return current with { EventInvokeConfigs = new Dictionary<string, EventInvokeConfig>(current.EventInvokeConfigs) { [key] = stored } };
        });
        return (key, stored!);
    }

    public EventInvokeConfig GetEventInvokeConfig(AwsScope scope, string name, string? qualifier)
    {
        var key = qualifier ?? "$LATEST";
        return Find(scope, name)?.Snapshot.Document.EventInvokeConfigs.GetValueOrDefault(key) ?? throw NoEventInvokeConfig(scope, name, key);
    }

    public void DeleteEventInvokeConfig(AwsScope scope, string name, string? qualifier)
    {
        var key = qualifier ?? "$LATEST";
        var entry = Find(scope, name) ?? throw NoEventInvokeConfig(scope, name, key);
        Mutate(entry, current =>
        {
            if (!current.EventInvokeConfigs.ContainsKey(key))
            {
                throw NoEventInvokeConfig(scope, name, key);
            }
            return current with { EventInvokeConfigs = WithoutEventInvokeConfig(current, key) };
        });
    }

    public (List<(string Qualifier, EventInvokeConfig Config)> Page, string? NextMarker) ListEventInvokeConfigs(AwsScope scope, string name,
        string? marker, int maxItems)
    {
        var entry = Find(scope, name) ?? throw LambdaErrors.ResourceNotFound("The function doesn't exist.");
        var all = entry.Snapshot.Document.EventInvokeConfigs.OrderBy(p => p.Key == "$LATEST" ? "" : p.Key, StringComparer.Ordinal)
            .Select(p => (p.Key, p.Value)).ToList();
        return Paginate(all, c => c.Key, marker, maxItems);
    }

    /// <summary>The configuration an asynchronous invocation of <paramref name="qualifier"/> runs under, if any.</summary>
    public static EventInvokeConfig? EventInvokeConfigFor(FunctionEntry entry, string? qualifier) =>
        entry.Snapshot.Document.EventInvokeConfigs.GetValueOrDefault(qualifier ?? "$LATEST");

    private static Dictionary<string, EventInvokeConfig> WithoutEventInvokeConfig(FunctionDocument document, string qualifier)
    {
        var remaining = new Dictionary<string, EventInvokeConfig>(document.EventInvokeConfigs);
        remaining.Remove(qualifier);
        return remaining;
    }

    private static bool HasQualifier(FunctionDocument document, string qualifier) =>
        qualifier == "$LATEST" || document.Versions.Any(v => v.Version == qualifier) || document.Aliases.Any(a => a.Name == qualifier);

    private static AwsServiceException NoEventInvokeConfig(AwsScope scope, string name, string qualifier) =>
        LambdaErrors.ResourceNotFound($"The function {FunctionArn(scope, name, qualifier)} doesn't have an EventInvokeConfig");

    private static void ValidateEventInvokeInput(EventInvokeConfigInput input)
    {
        var violations = new List<string>();
        if (input.MaximumRetryAttempts is int retries && retries is < 0 or > 2)
        {
            violations.Add(LambdaErrors.Violation(retries.ToString(), "maximumRetryAttempts",
                retries < 0 ? "have value greater than or equal to 0" : "have value less than or equal to 2"));
        }
        if (input.MaximumEventAgeInSeconds is int age && age is < 60 or > 21600)
        {
            violations.Add(LambdaErrors.Violation(age.ToString(), "maximumEventAgeInSeconds",
                age < 60 ? "have value greater than or equal to 60" : "have value less than or equal to 21600"));
        }
        foreach (var (member, destination) in new[] { ("destinationConfig.onSuccess.destination", input.OnSuccess), ("destinationConfig.onFailure.destination", input.OnFailure) })
        {
            if (destination is null)
            {
                continue;
            }
            if (destination.Length > 350)
            {
                violations.Add(LambdaErrors.Violation(destination, member, "have length less than or equal to 350"));
            }
            if (!DestinationRegex().IsMatch(destination))
            {
                violations.Add(LambdaErrors.Violation(destination, member, "satisfy regular expression pattern: " + DestinationPattern));
            }
        }
        if (violations.Count > 0)
        {
            throw LambdaErrors.Validation(violations);
        }
    }

    /// <summary>
    /// Lambda checks what it can deliver to: another existing function (not this one), an SQS queue, an SNS topic,
    /// an EventBridge bus, or (on failure only) an S3 bucket.
    /// </summary>
    private void ValidateDestinations(AwsScope scope, string name, EventInvokeConfigInput input)
    {
        var successValid = IsDeliverable(scope, name, input.OnSuccess, onFailure: false);
        var failureValid = IsDeliverable(scope, name, input.OnFailure, onFailure: true);
        if (!successValid || !failureValid)
        {
            var success = input.OnSuccess is null ? "null" : $"OnSuccess(destination={input.OnSuccess})";
            var failure = input.OnFailure is null ? "null" : $"OnFailure(destination={input.OnFailure})";
            throw LambdaErrors.InvalidParameter($"The provided destination config DestinationConfig(onSuccess={success}, onFailure={failure}) is invalid.");
        }
    }

    private bool IsDeliverable(AwsScope scope, string name, string? destination, bool onFailure)
    {
        if (string.IsNullOrEmpty(destination))
        {
            return true;
        }
        if (!Arn.TryParse(destination, out var arn))
        {
            return false;
        }
        switch (arn.Service)
        {
            case "lambda":
                var target = LambdaDestination.Parse(destination);
                if (target is null || Find(target.Value.Scope, target.Value.Name) is null)
                {
                    throw LambdaErrors.InvalidParameter($"The destination ARN {destination} is invalid.");
                }
                if (target.Value.Scope == scope && target.Value.Name == name)
                {
                    throw LambdaErrors.InvalidParameter("You can't specify the function as a destination for itself.");
                }
                return true;
            case "sqs" or "sns" or "events":
                return true;
            case "s3":
                return onFailure;
            default:
                return false;
        }
    }

    [GeneratedRegex("^(" + DestinationPattern + ")$")]
    private static partial Regex DestinationRegex();
}

using Nimbus.Core;
using Nimbus.Core.Invocation;
using Nimbus.S3.Api;

namespace Nimbus.S3.Notifications;

/// <summary>
/// The checks S3 runs before storing a configuration (S3 User Guide, "Configuring event notifications using object key
/// name filtering"; PutBucketNotificationConfiguration): ids unique; no two configurations that share an event type
/// with overlapping key filters; every destination exists and lets <c>s3.amazonaws.com</c> invoke it for this bucket.
/// </summary>
internal static class NotificationValidator
{
    public const string ServicePrincipal = "s3.amazonaws.com";

    public static void ValidateShape(NotificationConfiguration configuration)
    {
        var functions = configuration.LambdaFunctions;
        if (functions.Select(f => f.Id).Distinct(StringComparer.Ordinal).Count() != functions.Count)
        {
            throw S3Errors.InvalidArgument("Same ID used for multiple configurations.", "Id", functions.GroupBy(f => f.Id).First(g => g.Count() > 1).Key);
        }
        for (var i = 0; i < functions.Count; i++)
        {
            for (var j = i + 1; j < functions.Count; j++)
            {
                var shared = functions[i].Events.FirstOrDefault(a => functions[j].Events.Any(b => S3EventNames.Intersect(a, b)));
                if (shared is not null && FiltersOverlap(functions[i], functions[j]))
                {
                    throw S3Errors.InvalidArgument("Configurations overlap. Configurations on the same bucket cannot share a common event type.", "Event", shared);
                }
            }
        }
    }

    /// <summary>
    /// Destinations that fail, each as S3 names it in the error: <c>"{arn}, null"</c> and the reason. Functions must
    /// allow <c>lambda:InvokeFunction</c> by <c>s3.amazonaws.com</c> for the bucket's ARN and owner account.
    /// </summary>
    public static void ValidateDestinations(NotificationConfiguration configuration, string bucket, string ownerAccount,
        IFunctionPermissionChecker? checker, IReadOnlyList<(string Arn, string Reason)> missing, bool checkFunctions)
    {
        var failures = new List<(string Arn, string Reason)>(missing);
        var source = new FunctionInvokeSource(ServicePrincipal, "arn:aws:s3:::" + bucket, ownerAccount);
        // x-amz-skip-destination-validation skips the function checks; a queue or topic still cannot exist here.
        var functions = checkFunctions ? configuration.LambdaFunctions.Select(f => f.FunctionArn).Distinct(StringComparer.Ordinal) : [];
        foreach (var arn in functions)
        {
            // An unknown function and a missing permission look alike from S3's side: the invoke is not authorized.
            if ((checker?.CheckInvoke(arn, source) ?? FunctionPermission.FunctionNotFound) != FunctionPermission.Allowed)
            {
                failures.Add((arn, $"Not authorized to invoke function [{arn}]"));
            }
        }
        if (failures.Count == 0)
        {
            return;
        }
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < failures.Count; i++)
        {
            fields["ArgumentName" + (i + 1)] = failures[i].Arn + ", null";
            fields["ArgumentValue" + (i + 1)] = failures[i].Reason;
        }
        throw new AwsServiceException("InvalidArgument", 400, "Unable to validate the following destination configurations") { Fields = fields };
    }

    /// <summary>Two filters overlap when some key could match both: prefixes nest (or one is absent) and suffixes nest (or one is absent).</summary>
    private static bool FiltersOverlap(LambdaNotification a, LambdaNotification b) =>
        (a.Prefix is null || b.Prefix is null || a.Prefix.StartsWith(b.Prefix, StringComparison.Ordinal) || b.Prefix.StartsWith(a.Prefix, StringComparison.Ordinal))
        && (a.Suffix is null || b.Suffix is null || a.Suffix.EndsWith(b.Suffix, StringComparison.Ordinal) || b.Suffix.EndsWith(a.Suffix, StringComparison.Ordinal));
}

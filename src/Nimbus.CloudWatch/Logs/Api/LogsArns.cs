using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>ARNs of log groups and streams in the forms DescribeLogGroups/DescribeLogStreams return.</summary>
internal static class LogsArns
{
    /// <summary>The <c>arn</c> member: ends in <c>:*</c> (it doubles as an IAM resource for the group's streams).</summary>
    public static string Group(AwsScope scope, string name) => Arn.Build("logs", scope, $"log-group:{name}:*");

    /// <summary>The <c>logGroupArn</c> member: without the trailing <c>:*</c>.</summary>
    public static string GroupArn(AwsScope scope, string name) => Arn.Build("logs", scope, $"log-group:{name}");

    public static string Stream(AwsScope scope, string group, string stream) => Arn.Build("logs", scope, $"log-group:{group}:log-stream:{stream}");
}

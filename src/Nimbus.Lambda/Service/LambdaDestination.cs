using Nimbus.Core;

namespace Nimbus.Lambda.Service;

/// <summary>A Lambda function named by a destination ARN (<c>arn:aws:lambda:region:account:function:name[:qualifier]</c>).</summary>
internal readonly record struct LambdaDestination(AwsScope Scope, string Name, string? Qualifier)
{
    public static LambdaDestination? Parse(string destination)
    {
        if (!Arn.TryParse(destination, out var arn) || arn.Service != "lambda" || !arn.Resource.StartsWith("function:", StringComparison.Ordinal)
            || arn.Region.Length == 0 || arn.AccountId.Length == 0)
        {
            return null;
        }
        var parts = arn.Resource.Split(':');
        if (parts.Length is < 2 or > 3 || parts[1].Length == 0)
        {
            return null;
        }
        return new LambdaDestination(new AwsScope(arn.AccountId, arn.Region), parts[1], parts.Length == 3 ? parts[2] : null);
    }
}

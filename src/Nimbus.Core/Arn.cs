namespace Nimbus.Core;

/// <summary>Builds ARNs in AWS's format: <c>arn:aws:{service}:{region}:{account}:{resource}</c>.</summary>
public static class Arn
{
    public static string Build(string service, AwsScope scope, string resource)
        => $"arn:aws:{service}:{scope.Region}:{scope.AccountId}:{resource}";

    /// <summary>Splits an ARN into its six colon-separated parts (the resource keeps its own colons).</summary>
    public static bool TryParse(string value, out ParsedArn arn)
    {
        arn = default;
        var parts = value.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[1].Length == 0 || parts[2].Length == 0)
        {
            return false;
        }
        arn = new ParsedArn(parts[1], parts[2], parts[3], parts[4], parts[5]);
        return true;
    }
}

public readonly record struct ParsedArn(string Partition, string Service, string Region, string AccountId, string Resource);

namespace Nimbus.Core;

/// <summary>
/// The account and region a request acts in. Every resource Nimbus stores belongs to one scope, as on AWS,
/// where the same function name can exist in two regions or two accounts.
/// </summary>
public readonly record struct AwsScope(string AccountId, string Region)
{
    public const string DefaultAccountId = "000000000000";
    public const string DefaultRegion = "us-east-1";

    public static AwsScope Default { get; } = new(DefaultAccountId, DefaultRegion);

    public override string ToString() => $"{AccountId}/{Region}";
}

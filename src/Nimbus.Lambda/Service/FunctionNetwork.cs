using Nimbus.Execution;

namespace Nimbus.Lambda.Service;

/// <summary>
/// Whether a function's environments may reach networks other than Nimbus's own endpoint: the reserved tag
/// <c>nimbus:network</c>, <c>internet</c> to share the host's network, <c>isolated</c> (or no tag) for the default.
/// Why a tag: AWS has no "network off" switch to borrow. A function outside a VPC reaches the internet on AWS, so
/// reading "no VpcConfig" as "isolated" would invert VpcConfig's meaning, and VPC ids mean nothing here. A tag is set
/// with the plain Lambda API (<c>CreateFunction Tags</c>, <c>TagResource</c>, <c>UntagResource</c>), survives every
/// client and IaC tool (SAM, CloudFormation, CDK, Terraform), is ignored by AWS, and so lets the same template deploy
/// to both. The default is the safe one; a misspelt value is refused rather than silently isolating or exposing.
/// </summary>
internal static class FunctionNetwork
{
    public const string TagKey = "nimbus:network";
    public const string Internet = "internet";
    public const string Isolated = "isolated";

    public static NetworkMode Of(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(TagKey, out var value) && value == Internet ? NetworkMode.Host : NetworkMode.Isolated;

    /// <summary>Refuses a value of the reserved tag that names no network setting.</summary>
    public static void Validate(IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is not null && tags.TryGetValue(TagKey, out var value) && value is not (Internet or Isolated))
        {
            throw LambdaErrors.InvalidParameter($"The tag {TagKey} must be '{Internet}' (the host's networks) or '{Isolated}' (only the Nimbus endpoint), not '{value}'.");
        }
    }
}

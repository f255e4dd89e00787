using System.Text.Json;

namespace Nimbus.ApiGateway.Runtime.Authorization;

/// <summary>
/// Who signed an AWS_IAM request, in the shapes AWS documents: REST and payload-1.0 <c>requestContext.identity</c>
/// (<c>accessKey</c>, <c>accountId</c>, <c>caller</c>, <c>user</c>, <c>userArn</c>) and payload-2.0
/// <c>requestContext.authorizer.iam</c>. Nimbus has no IAM users, so every signer is its account's root principal:
/// AWS then gives the account id as <c>caller</c>/<c>user</c> (<c>callerId</c>/<c>userId</c>) and
/// <c>arn:aws:iam::{account}:root</c> as <c>userArn</c>.
/// </summary>
internal static class CallerIdentity
{
    /// <summary>One identity member for a request signed with <paramref name="accessKey"/>; null when unsigned or not an IAM member.</summary>
    public static string? Of(string? accessKey, string accountId, string name) => accessKey is null ? null : name switch
    {
        "accessKey" => accessKey,
        "accountId" or "caller" or "user" => accountId,
        "userArn" => $"arn:aws:iam::{accountId}:root",
        _ => null,
    };

    public static void WriteIam(Utf8JsonWriter json, string accessKey, string accountId)
    {
        json.WriteStartObject("authorizer");
        json.WriteStartObject("iam");
        json.WriteString("accessKey", accessKey);
        json.WriteString("accountId", accountId);
        json.WriteString("callerId", accountId);
        json.WriteNull("cognitoIdentity");
        json.WriteString("principalOrgId", (string?)null);
        json.WriteString("userArn", $"arn:aws:iam::{accountId}:root");
        json.WriteString("userId", accountId);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}

namespace Nimbus.ApiGateway.RestApis.Runtime;

/// <summary>What a usage plan says about one more request with a key: go on, 429 "Too Many Requests", or 429 "Limit Exceeded".</summary>
internal enum UsageVerdict
{
    Allowed,
    Throttled,
    QuotaExceeded,
}

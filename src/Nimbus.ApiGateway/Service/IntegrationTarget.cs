namespace Nimbus.ApiGateway.Service;

/// <summary>
/// The function of an AWS_PROXY integration URI: a Lambda ARN, or API Gateway's service form
/// <c>arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations</c>.
/// </summary>
internal static class IntegrationTarget
{
    private const string LambdaPath = ":lambda:path/2015-03-31/functions/";
    private const string Invocations = "/invocations";

    public static string? FunctionOf(string uri)
    {
        if (uri.StartsWith("arn:", StringComparison.Ordinal) && uri.Contains(":lambda:", StringComparison.Ordinal) && uri.Contains(":function:", StringComparison.Ordinal)
            && !uri.Contains(LambdaPath, StringComparison.Ordinal))
        {
            return uri;
        }
        var start = uri.IndexOf(LambdaPath, StringComparison.Ordinal);
        if (start < 0 || !uri.StartsWith("arn:", StringComparison.Ordinal) || !uri.EndsWith(Invocations, StringComparison.Ordinal))
        {
            return null;
        }
        var function = uri[(start + LambdaPath.Length)..^Invocations.Length];
        return function.Length == 0 ? null : function;
    }
}

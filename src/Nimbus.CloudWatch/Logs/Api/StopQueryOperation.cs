using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.CloudWatch.Logs.Insights;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>StopQuery: cancels a scheduled or running query; one that already ended is an error, as on AWS.</summary>
internal static class StopQueryOperation
{
    public static Task<StopQueryResponse> InvokeAsync(InsightsService service, AwsScope scope, QueryIdRequest request, CancellationToken cancellationToken)
    {
        var queryId = Check.Required(request.QueryId, "queryId");
        Check.Length(queryId, "queryId", 1, 256);
        return Task.FromResult(new StopQueryResponse { Success = service.Stop(scope, queryId) });
    }
}

using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.CloudWatch.Logs.Insights;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>StartQuery: exactly one of logGroupName, logGroupNames, logGroupIdentifiers; Logs Insights QL only.</summary>
internal static class StartQueryOperation
{
    public static async Task<StartQueryResponse> InvokeAsync(
        InsightsService service, AwsScope scope, StartQueryRequest request, CancellationToken cancellationToken)
    {
        var queryString = Check.Required(request.QueryString, "queryString");
        Check.Length(queryString, "queryString", 0, 10_000);
        var startTime = request.StartTime ?? throw LogsErrors.Validation("startTime", null, "Member must not be null");
        var endTime = request.EndTime ?? throw LogsErrors.Validation("endTime", null, "Member must not be null");
        Check.Timestamp(startTime, "startTime");
        Check.Timestamp(endTime, "endTime");
        Check.Range(request.Limit, "limit", 1, 100_000);
        switch (request.QueryLanguage)
        {
            case null or "CWLI":
                break;
            case "SQL" or "PPL":
                throw LogsErrors.InvalidParameter($"Nimbus runs Logs Insights QL (CWLI) queries only, not {request.QueryLanguage}.");
            default:
                throw LogsErrors.Validation("queryLanguage", request.QueryLanguage, "Member must satisfy enum value set: [CWLI, SQL, PPL]");
        }
        var groups = Groups(request);
        var id = await service.StartAsync(scope, new StartQueryCommand(groups, startTime, endTime, queryString, request.Limit), cancellationToken);
        return new StartQueryResponse { QueryId = id };
    }

    private static List<string> Groups(StartQueryRequest request)
    {
        var given = (request.LogGroupName is null ? 0 : 1) + (request.LogGroupNames is null ? 0 : 1) + (request.LogGroupIdentifiers is null ? 0 : 1);
        if (given != 1)
        {
            throw LogsErrors.InvalidParameter("Specify exactly one of logGroupName, logGroupNames or logGroupIdentifiers.");
        }
        if (request.LogGroupName is { } name)
        {
            return [Check.GroupName(name, "logGroupName")!];
        }
        var list = request.LogGroupNames ?? request.LogGroupIdentifiers!;
        var member = request.LogGroupNames is null ? "logGroupIdentifiers" : "logGroupNames";
        if (list.Count is < 1 or > InsightsService.MaxGroups)
        {
            throw LogsErrors.Validation(member, null, list.Count < 1
                ? "Member must have length greater than or equal to 1"
                : $"Member must have length less than or equal to {InsightsService.MaxGroups}");
        }
        return list
            .Select(item => request.LogGroupNames is null ? LogGroupIdentifier.Resolve(null, item) : Check.GroupName(item, "logGroupNames.member")!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}

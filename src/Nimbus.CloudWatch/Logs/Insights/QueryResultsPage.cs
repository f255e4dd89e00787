using Nimbus.CloudWatch.Logs.Insights.Engine;

namespace Nimbus.CloudWatch.Logs.Insights;

/// <summary>GetQueryResults' answer.</summary>
internal sealed record QueryResultsPage(
    QueryStatus Status, IReadOnlyList<IReadOnlyList<ResultField>> Results, long RecordsMatched, long RecordsScanned, long BytesScanned, int GroupsScanned,
    string? NextToken);

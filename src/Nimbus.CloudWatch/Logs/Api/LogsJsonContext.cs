using System.Text.Json.Serialization;
using Nimbus.CloudWatch.Logs.Api.Shapes;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>
/// Source-generated JSON for the Logs wire shapes. Members are camelCase as in the service model; absent
/// optional members are left out, as AWS does.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CreateLogGroupRequest))]
[JsonSerializable(typeof(CreateLogStreamRequest))]
[JsonSerializable(typeof(DeleteLogGroupRequest))]
[JsonSerializable(typeof(DeleteLogStreamRequest))]
[JsonSerializable(typeof(DescribeLogGroupsRequest))]
[JsonSerializable(typeof(DescribeLogGroupsResponse))]
[JsonSerializable(typeof(DescribeLogStreamsRequest))]
[JsonSerializable(typeof(DescribeLogStreamsResponse))]
[JsonSerializable(typeof(GetLogEventsRequest))]
[JsonSerializable(typeof(GetLogEventsResponse))]
[JsonSerializable(typeof(FilterLogEventsRequest))]
[JsonSerializable(typeof(FilterLogEventsResponse))]
[JsonSerializable(typeof(PutLogEventsRequest))]
[JsonSerializable(typeof(PutLogEventsResponse))]
[JsonSerializable(typeof(PutRetentionPolicyRequest))]
[JsonSerializable(typeof(DeleteRetentionPolicyRequest))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(StartQueryRequest))]
[JsonSerializable(typeof(StartQueryResponse))]
[JsonSerializable(typeof(QueryIdRequest))]
[JsonSerializable(typeof(GetQueryResultsResponse))]
[JsonSerializable(typeof(StopQueryResponse))]
[JsonSerializable(typeof(DescribeQueriesRequest))]
[JsonSerializable(typeof(DescribeQueriesResponse))]
[JsonSerializable(typeof(GetLogRecordRequest))]
[JsonSerializable(typeof(GetLogRecordResponse))]
[JsonSerializable(typeof(StartLiveTailRequest))]
[JsonSerializable(typeof(LiveTailSessionStartShape))]
[JsonSerializable(typeof(LiveTailSessionUpdateShape))]
[JsonSerializable(typeof(SessionExceptionShape))]
internal sealed partial class LogsJsonContext : JsonSerializerContext;

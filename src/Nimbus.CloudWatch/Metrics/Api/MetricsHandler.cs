using Nimbus.CloudWatch.Alarms.Api;
using Nimbus.CloudWatch.Alarms.Service;
using Nimbus.CloudWatch.Metrics.Lambda;
using Nimbus.CloudWatch.Metrics.Publishing;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;
using Nimbus.Protocol;
using Nimbus.Protocol.Documents;
using Nimbus.Protocol.Rpc;

namespace Nimbus.CloudWatch.Metrics.Api;

/// <summary>
/// CloudWatch metrics on the edge (signing name <c>monitoring</c>) in all three protocols of the 2010-08-01 model:
/// smithy-rpc-v2-cbor (current boto3 and AWS CLI), awsJson 1.0 (<c>X-Amz-Target: GraniteServiceVersion20100801.*</c>)
/// and query (<c>Action=…&amp;Version=2010-08-01</c>). Each operation is written once against
/// <see cref="WireValue"/>; <see cref="RpcExchange"/> does the protocol.
/// </summary>
internal sealed class MetricsHandler : IAwsServiceHandler
{
    public const string TargetPrefix = "GraniteServiceVersion20100801";
    public const string XmlNamespace = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    /// <summary>AWS: PutMetricData requests are limited to 1 MB (a JSON/CBOR body or the form of a query request).</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    private readonly MetricsService _service;
    private readonly Dictionary<string, Func<MetricsService, AwsScope, WireValue, WireValue?>> _operations = new(StringComparer.Ordinal)
    {
        ["PutMetricData"] = PutMetricDataOperation.Invoke,
        ["GetMetricStatistics"] = GetMetricStatisticsOperation.Invoke,
        ["GetMetricData"] = GetMetricDataOperation.Invoke,
        ["ListMetrics"] = ListMetricsOperation.Invoke,
    };

    private readonly AlarmsService _alarms;
    private readonly Dictionary<string, Func<AlarmsService, AwsScope, WireValue, WireValue?>> _alarmOperations = new(StringComparer.Ordinal)
    {
        ["PutMetricAlarm"] = PutMetricAlarmOperation.Invoke,
        ["PutCompositeAlarm"] = PutCompositeAlarmOperation.Invoke,
        ["DescribeAlarms"] = DescribeAlarmsOperation.Invoke,
        ["DescribeAlarmsForMetric"] = DescribeAlarmsForMetricOperation.Invoke,
        ["DescribeAlarmHistory"] = DescribeAlarmHistoryOperation.Invoke,
        ["DeleteAlarms"] = AlarmStateOperations.DeleteAlarms,
        ["SetAlarmState"] = AlarmStateOperations.SetAlarmState,
        ["EnableAlarmActions"] = AlarmStateOperations.EnableAlarmActions,
        ["DisableAlarmActions"] = AlarmStateOperations.DisableAlarmActions,
        ["TagResource"] = TagOperations.TagResource,
        ["UntagResource"] = TagOperations.UntagResource,
        ["ListTagsForResource"] = TagOperations.ListTagsForResource,
    };

    /// <summary>
    /// The writers of automatically published metrics. Reads wait for what they have queued: they commit at most once
    /// a second, and a caller who just invoked a function expects its datapoints (costs nothing when none wait).
    /// </summary>
    private readonly LambdaMetricsSink _lambdaMetrics;
    private readonly ServiceMetricsSink _serviceMetrics;

    public MetricsHandler(MetricsService service, AlarmsService alarms, LambdaMetricsSink lambdaMetrics, ServiceMetricsSink serviceMetrics)
    {
        _service = service;
        _alarms = alarms;
        _lambdaMetrics = lambdaMetrics;
        _serviceMetrics = serviceMetrics;
    }

    public AwsServiceDescriptor Descriptor { get; } = new("monitoring", AwsProtocol.Query)
    {
        TargetPrefixes = [TargetPrefix],
        PathPrefixes = [$"/service/{TargetPrefix}/"],
        AlternateProtocols = [AwsProtocol.Json, AwsProtocol.SmithyRpcV2Cbor],
    };

    public async Task HandleAsync(AwsRequestContext request)
    {
        RpcRequest rpc;
        try
        {
            rpc = await RpcExchange.ReadAsync(request, Descriptor, MaxRequestBytes, () => MetricsErrors.RequestTooLarge(MaxRequestBytes));
        }
        catch (WireFormatException exception)
        {
            throw MetricsErrors.InvalidParameterValue(exception.Message);
        }
        if (_alarmOperations.TryGetValue(rpc.Operation, out var alarmOperation))
        {
            await RpcExchange.WriteAsync(request, rpc, alarmOperation(_alarms, request.Scope, rpc.Input), XmlNamespace);
            return;
        }
        if (!_operations.TryGetValue(rpc.Operation, out var operation))
        {
            throw NotImplementedOperations.Names.Contains(rpc.Operation)
                ? MetricsErrors.NotImplemented(rpc.Operation)
                : MetricsErrors.InvalidAction(rpc.Operation.Length == 0 ? "(none)" : rpc.Operation);
        }
        if (rpc.Operation != "PutMetricData")
        {
            await Task.WhenAll(_lambdaMetrics.FlushAsync(request.Aborted), _serviceMetrics.FlushAsync(request.Aborted));
        }
        var output = operation(_service, request.Scope, rpc.Input);
        await RpcExchange.WriteAsync(request, rpc, output, XmlNamespace);
    }
}

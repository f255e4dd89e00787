using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.CloudWatch.Alarms.Store;
using Nimbus.Core;
using Nimbus.Core.Invocation;

namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>
/// Runs the actions of a state transition. A Lambda function ARN is invoked asynchronously (through
/// <see cref="IFunctionInvoker"/>, durable once accepted) with the alarm event, after checking the function's
/// resource policy allows <c>lambda.alarms.cloudwatch.amazonaws.com</c> as AWS requires. Nimbus has no SNS, Auto
/// Scaling, EC2 or Systems Manager, so those actions are recorded in the history as failed, not delivered.
/// Each outcome becomes an <c>Action</c> history item.
/// </summary>
public sealed partial class AlarmActionDispatcher
{
    public const string ServicePrincipal = "lambda.alarms.cloudwatch.amazonaws.com";

    private readonly IServiceProvider _services;
    private readonly IAlarmStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AlarmActionDispatcher> _logger;
    private readonly ConcurrentDictionary<Task, byte> _pending = new();

    public AlarmActionDispatcher(IServiceProvider services, IAlarmStore store, TimeProvider time, ILogger<AlarmActionDispatcher> logger)
    {
        _services = services;
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>Starts the actions of <paramref name="alarm"/>'s new state (none when its actions are disabled).</summary>
    public void Dispatch(MetricAlarm alarm, MetricAlarm previous)
    {
        if (!alarm.ActionsEnabled)
        {
            return;
        }
        var actions = alarm.StateValue switch
        {
            AlarmStates.Alarm => alarm.AlarmActions,
            AlarmStates.Ok => alarm.OKActions,
            _ => alarm.InsufficientDataActions,
        };
        foreach (var action in actions)
        {
            var task = Task.Run(() => RunAsync(alarm, previous, action));
            _pending[task] = 0;
            task.ContinueWith(t => _pending.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    /// <summary>Completes when every action started so far has finished (tests, shutdown).</summary>
    public Task FlushAsync() => Task.WhenAll(_pending.Keys);

    private async Task RunAsync(MetricAlarm alarm, MetricAlarm previous, string action)
    {
        string? error;
        try
        {
            error = await DeliverAsync(alarm, previous, action);
        }
        catch (Exception exception)
        {
            error = exception.Message;
        }
        if (error is not null)
        {
            LogActionFailed(_logger, action, alarm.AlarmName, error);
        }
        try
        {
            _store.AddHistory(AlarmHistory.ActionResult(alarm, action, error, _time.GetUtcNow()));
        }
        catch (Exception exception)
        {
            LogHistoryFailed(_logger, exception, alarm.AlarmName);
        }
    }

    /// <returns>null when delivered, else the error recorded in the history.</returns>
    private async Task<string?> DeliverAsync(MetricAlarm alarm, MetricAlarm previous, string action)
    {
        if (!Arn.TryParse(action, out var arn) || arn.Service != "lambda" || !arn.Resource.StartsWith("function:", StringComparison.Ordinal))
        {
            return $"Nimbus does not deliver {(Arn.TryParse(action, out var other) ? other.Service : "this")} alarm actions";
        }
        var invoker = _services.GetService<IFunctionInvoker>();
        if (invoker is null)
        {
            return "Lambda is not available in this Nimbus";
        }
        var checker = _services.GetService<IFunctionPermissionChecker>();
        switch (checker?.CheckInvoke(action, new FunctionInvokeSource(ServicePrincipal, alarm.AlarmArn, alarm.AccountId)))
        {
            case FunctionPermission.FunctionNotFound:
                return $"Function not found: {action}";
            case FunctionPermission.NotAuthorized:
                return $"CloudWatch Alarms is not authorized to perform: lambda:InvokeFunction on resource: {action} " +
                    $"because no resource-based policy allows the {ServicePrincipal} principal";
        }
        var parts = arn.Resource.Split(':');
        var invocation = new FunctionInvocation(parts[1], AlarmEventJson.Build(alarm, previous), InvocationKind.Event)
        {
            Qualifier = parts.Length > 2 ? parts[2] : null,
        };
        var result = await invoker.InvokeAsync(new AwsScope(arn.AccountId, arn.Region), invocation, CancellationToken.None);
        return result.StatusCode is >= 200 and < 300 ? null : $"Lambda answered {result.StatusCode}";
    }

    [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "Alarm action {Action} of alarm {AlarmName} failed: {Error}")]
    private static partial void LogActionFailed(ILogger logger, string action, string alarmName, string error);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Error, Message = "Recording an action of alarm {AlarmName} in its history failed")]
    private static partial void LogHistoryFailed(ILogger logger, Exception exception, string alarmName);
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Nimbus.CloudWatch.Logs.Api.Shapes;
using Nimbus.CloudWatch.Logs.LiveTail;
using Nimbus.Core;
using Nimbus.Protocol;
using Nimbus.Protocol.EventStream;

namespace Nimbus.CloudWatch.Logs.Api;

/// <summary>
/// StartLiveTail: checks the request (errors are ordinary JSON error responses), then answers 200 with an event stream
/// (<c>application/vnd.amazon.eventstream</c>): the <c>initial-response</c> every awsJson event-stream client expects
/// first, one <c>sessionStart</c>, a <c>sessionUpdate</c> about every second until the client closes the stream, and a
/// <c>SessionTimeoutException</c> after three hours.
/// </summary>
internal static partial class StartLiveTailOperation
{
    public static async Task InvokeAsync(LiveTailService service, AwsRequestContext request, StartLiveTailRequest input)
    {
        var groups = Groups(request.Scope, input.LogGroupIdentifiers);
        var streamNames = StreamNames(input.LogStreamNames, "logStreamNames");
        var prefixes = StreamNames(input.LogStreamNamePrefixes, "logStreamNamePrefixes");
        if (streamNames is not null && prefixes is not null)
        {
            throw LogsErrors.InvalidParameter("You can specify either logStreamNames or logStreamNamePrefixes, but not both.");
        }
        if ((streamNames ?? prefixes) is not null && groups.Count > 1)
        {
            throw LogsErrors.InvalidParameter("logStreamNames and logStreamNamePrefixes can be specified only when logGroupIdentifiers contains one log group.");
        }
        Check.Length(input.LogEventFilterPattern, "logEventFilterPattern", 0, 1024);
        var session = await service.StartAsync(request.Scope, groups, streamNames, prefixes, input.LogEventFilterPattern, request.Aborted);
        try
        {
            await StreamAsync(service, session, request);
        }
        finally
        {
            service.End(session);
        }
    }

    private static async Task StreamAsync(LiveTailService service, LiveTailSession session, AwsRequestContext request)
    {
        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/vnd.amazon.eventstream";
        var json = LogsJsonContext.Default;
        try
        {
            await WriteAsync(response, EventStreamMessage.Event("initial-response", "{}"u8, "application/x-amz-json-1.1"), request.Aborted);
            await WriteAsync(response, EventStreamMessage.Event("sessionStart", JsonSerializer.SerializeToUtf8Bytes(new LiveTailSessionStartShape
            {
                RequestId = request.RequestId,
                SessionId = session.SessionId,
                LogGroupIdentifiers = session.Groups.Select(g => g.Identifier).ToList(),
                LogStreamNames = session.StreamNames?.ToList(),
                LogStreamNamePrefixes = session.StreamNamePrefixes?.ToList(),
                LogEventFilterPattern = session.FilterPatternText,
            }, json.LiveTailSessionStartShape)), request.Aborted);
            await foreach (var update in service.UpdatesAsync(session, request.Aborted))
            {
                var shape = new LiveTailSessionUpdateShape
                {
                    SessionMetadata = new LiveTailSessionMetadataShape { Sampled = update.Sampled },
                    SessionResults = update.Events.Select(e => new LiveTailSessionLogEventShape
                    {
                        LogStreamName = e.Event.StreamName,
                        LogGroupIdentifier = e.GroupIdentifier,
                        Message = e.Event.Message,
                        Timestamp = e.Event.Timestamp,
                        IngestionTime = e.Event.IngestionTime,
                    }).ToList(),
                };
                await WriteAsync(response, EventStreamMessage.Event("sessionUpdate", JsonSerializer.SerializeToUtf8Bytes(shape, json.LiveTailSessionUpdateShape)), request.Aborted);
            }
            if (service.TimedOut(session))
            {
                await WriteAsync(response, Exception("SessionTimeoutException", "Session timed out after 3 hours."), request.Aborted);
            }
        }
        catch (OperationCanceledException) when (request.Aborted.IsCancellationRequested)
        {
            // The client closed the stream: that ends the session, as on AWS.
        }
        catch (Exception exception) when (exception is not OperationCanceledException && response.HasStarted)
        {
            // Once the stream has started, errors travel in it (a modeled exception message), not as an HTTP status.
            await WriteAsync(response, Exception("SessionStreamingException", "An internal error occurred while streaming the session."), request.Aborted);
        }
    }

    private static byte[] Exception(string type, string message) =>
        EventStreamMessage.Exception(type, JsonSerializer.SerializeToUtf8Bytes(new SessionExceptionShape { Message = message }, LogsJsonContext.Default.SessionExceptionShape));

    private static async Task WriteAsync(HttpResponse response, byte[] message, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(message, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>1–10 group names or ARNs (<c>arn:aws:logs:region:account:log-group:name</c>, not ending in <c>*</c>).</summary>
    private static List<(string Identifier, string Name)> Groups(AwsScope scope, List<string>? identifiers)
    {
        if (identifiers is null)
        {
            throw LogsErrors.Validation("logGroupIdentifiers", null, "Member must not be null");
        }
        if (identifiers.Count is < 1 or > LiveTailService.MaxGroups)
        {
            throw LogsErrors.Validation("logGroupIdentifiers", "[" + string.Join(", ", identifiers) + "]", identifiers.Count < 1
                ? "Member must have length greater than or equal to 1"
                : $"Member must have length less than or equal to {LiveTailService.MaxGroups}");
        }
        var groups = new List<(string, string)>();
        foreach (var identifier in identifiers)
        {
            Check.Length(identifier, "logGroupIdentifiers.member", 1, 2048);
            if (!IdentifierPattern().IsMatch(identifier))
            {
                throw LogsErrors.Validation("logGroupIdentifiers.member", identifier, @"Member must satisfy regular expression pattern: [\w#+=/:,.@-]*");
            }
            if (!identifier.StartsWith("arn:", StringComparison.Ordinal))
            {
                groups.Add((identifier, identifier));
                continue;
            }
            if (identifier.EndsWith('*'))
            {
                throw LogsErrors.InvalidParameter($"The log group ARN {identifier} must not end with an asterisk (*).");
            }
            if (!Arn.TryParse(identifier, out var arn) || arn.Service != "logs" || !arn.Resource.StartsWith("log-group:", StringComparison.Ordinal))
            {
                throw LogsErrors.InvalidParameter($"{identifier} is not a valid log group ARN.");
            }
            if (arn.AccountId != scope.AccountId || arn.Region != scope.Region)
            {
                throw LogsErrors.GroupNotFound();
            }
            groups.Add((identifier, arn.Resource["log-group:".Length..]));
        }
        return groups;
    }

    private static List<string>? StreamNames(List<string>? names, string member)
    {
        if (names is null)
        {
            return null;
        }
        if (names.Count is < 1 or > 100)
        {
            throw LogsErrors.Validation(member, null, $"Member must have length {(names.Count < 1 ? "greater than or equal to 1" : "less than or equal to 100")}");
        }
        foreach (var name in names)
        {
            Check.StreamName(name, member + ".member");
        }
        return names;
    }

    [GeneratedRegex(@"^[\w#+=/:,.@-]*$")]
    private static partial Regex IdentifierPattern();
}

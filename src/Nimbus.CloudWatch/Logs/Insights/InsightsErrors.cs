using System.Globalization;
using System.Text.Json;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Insights;

/// <summary>
/// Logs Insights' errors. A query that does not compile is <c>MalformedQueryException</c> with AWS's
/// <c>queryCompileError</c> member (the message and the character offsets of the offending text); syntax errors
/// read like AWS's parser reports them: <c>unexpected symbol found X at line L and position P</c>.
/// </summary>
internal static class InsightsErrors
{
    public static AwsServiceException Unexpected(string query, int start, int end, string symbol)
    {
        var (line, position) = LineAndPosition(query, start);
        var found = symbol.Length == 0 ? "<EOF>" : symbol;
        return Malformed(query, start, end, string.Create(CultureInfo.InvariantCulture, $"unexpected symbol found {found} at line {line} and position {position}"));
    }

    public static AwsServiceException Malformed(string query, int start, int end, string message)
    {
        var error = JsonSerializer.Serialize(new CompileError(new CompileErrorLocation(start, Math.Max(start, end - 1)), message), InsightsJsonContext.Default.CompileError);
        return new AwsServiceException("MalformedQueryException", 400, message)
        {
            JsonFields = new Dictionary<string, string> { ["queryCompileError"] = error },
        };
    }

    public static AwsServiceException QueryNotFound(string queryId) =>
        new("ResourceNotFoundException", 400, $"Query {queryId} does not exist.");

    public static AwsServiceException GroupNotFound(string name) =>
        new("ResourceNotFoundException", 400, $"Log group '{name}' does not exist.");

    public static AwsServiceException TooManyQueries(int limit) =>
        new("LimitExceededException", 400, $"Account maximum query concurrency limit of [{limit}] reached.");

    public static AwsServiceException NotRunning(string queryId) =>
        LogsErrors.InvalidParameter($"Query {queryId} is not running.");

    public static AwsServiceException InvalidPointer() =>
        LogsErrors.InvalidParameter("The specified logRecordPointer is not valid.");

    /// <summary>Line from 1 and position within the line from 0, as AWS's parser counts them.</summary>
    private static (int Line, int Position) LineAndPosition(string query, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < query.Length; i++)
        {
            if (query[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, offset - lineStart);
    }

    internal sealed record CompileError(CompileErrorLocation Location, string Message);

    internal sealed record CompileErrorLocation(int StartCharOffset, int EndCharOffset);
}

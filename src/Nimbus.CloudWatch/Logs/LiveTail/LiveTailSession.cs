using Nimbus.CloudWatch.Logs.Model;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.LiveTail;

/// <summary>
/// One live tail: the groups (as the caller identified them, and by name), the stream and pattern filters, and how far
/// it has read (<see cref="Cursor"/>, a store event id). Read by one session loop only.
/// </summary>
internal sealed class LiveTailSession
{
    public required string SessionId { get; init; }

    public required AwsScope Scope { get; init; }

    /// <summary>Each group's identifier as given (name or ARN) and its name.</summary>
    public required IReadOnlyList<(string Identifier, string Name)> Groups { get; init; }

    public IReadOnlyList<string>? StreamNames { get; init; }

    public IReadOnlyList<string>? StreamNamePrefixes { get; init; }

    public string? FilterPatternText { get; init; }

    public required FilterPattern Pattern { get; init; }

    public required DateTimeOffset Started { get; init; }

    public long Cursor { get; set; }

    public bool Includes(string streamName) =>
        (StreamNames is null || StreamNames.Contains(streamName, StringComparer.Ordinal))
        && (StreamNamePrefixes is null || StreamNamePrefixes.Any(p => streamName.StartsWith(p, StringComparison.Ordinal)));
}

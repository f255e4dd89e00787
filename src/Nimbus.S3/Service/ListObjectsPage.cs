using Nimbus.S3.Model;

namespace Nimbus.S3.Service;

/// <summary>A listing page; <see cref="NextMarker"/> is the last key or common prefix returned when truncated.</summary>
internal sealed record ListObjectsPage(IReadOnlyList<S3Object> Objects, IReadOnlyList<string> CommonPrefixes, bool IsTruncated, string? NextMarker);

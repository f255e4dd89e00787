namespace Nimbus.S3.Service;

/// <summary>
/// A ListObjectVersions page; when truncated, <see cref="NextKeyMarker"/> and <see cref="NextVersionIdMarker"/> name the
/// last entry returned (a common prefix has no version id marker).
/// </summary>
internal sealed record ListVersionsPage(IReadOnlyList<ObjectVersionEntry> Entries, IReadOnlyList<string> CommonPrefixes, bool IsTruncated,
    string? NextKeyMarker, string? NextVersionIdMarker);

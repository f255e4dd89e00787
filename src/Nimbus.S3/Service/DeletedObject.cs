namespace Nimbus.S3.Service;

/// <summary>What a DeleteObject did: the version it created (a delete marker) or removed, if versioning is in play.</summary>
internal sealed record DeletedObject(string? VersionId, bool DeleteMarker);

using Nimbus.S3.Model;

namespace Nimbus.S3.Service;

/// <summary>One row of ListObjectVersions: a version or delete marker and whether it is the key's current one.</summary>
internal sealed record ObjectVersionEntry(S3Object Object, bool IsLatest);

namespace Nimbus.S3.Model;

/// <summary>A bucket: its global name, the account that owns it, its region and when it was created.</summary>
internal sealed record S3Bucket(string Name, string AccountId, string Region, DateTimeOffset CreationDate);

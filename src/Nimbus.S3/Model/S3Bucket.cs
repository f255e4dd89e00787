namespace Nimbus.S3.Model;

/// <summary>A bucket: its global name, the account that owns it, its region and when it was created.</summary>
internal sealed record S3Bucket(string Name, string AccountId, string Region, DateTimeOffset CreationDate)
{
    /// <summary>Null while versioning was never configured, then <c>Enabled</c> or <c>Suspended</c> (it can never go back to null).</summary>
    public string? Versioning { get; init; }
}

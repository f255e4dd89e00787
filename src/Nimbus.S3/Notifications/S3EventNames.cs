namespace Nimbus.S3.Notifications;

/// <summary>
/// The event types Nimbus raises and accepts in a configuration (S3 User Guide, "Supported event types"). A wildcard
/// (<c>s3:ObjectCreated:*</c>) covers every event of its family.
/// </summary>
internal static class S3EventNames
{
    public const string Put = "ObjectCreated:Put";
    public const string Post = "ObjectCreated:Post";
    public const string Copy = "ObjectCreated:Copy";
    public const string CompleteMultipartUpload = "ObjectCreated:CompleteMultipartUpload";
    public const string Delete = "ObjectRemoved:Delete";
    public const string DeleteMarkerCreated = "ObjectRemoved:DeleteMarkerCreated";

    /// <summary>The configuration values Nimbus can deliver.</summary>
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        "s3:ObjectCreated:*", "s3:" + Put, "s3:" + Post, "s3:" + Copy, "s3:" + CompleteMultipartUpload,
        "s3:ObjectRemoved:*", "s3:" + Delete, "s3:" + DeleteMarkerCreated,
    };

    /// <summary>The rest of the model's <c>Event</c> enum: valid on AWS, but Nimbus has nothing that raises them.</summary>
    public static readonly IReadOnlySet<string> Unsupported = new HashSet<string>(StringComparer.Ordinal)
    {
        "s3:ReducedRedundancyLostObject", "s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed",
        "s3:ObjectRestore:Delete", "s3:Replication:*", "s3:Replication:OperationFailedReplication", "s3:Replication:OperationNotTracked",
        "s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold", "s3:LifecycleTransition",
        "s3:IntelligentTiering", "s3:ObjectAcl:Put", "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete",
        "s3:LifecycleExpiration:DeleteMarkerCreated", "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete",
    };

    /// <summary>Whether a configured type (<c>s3:ObjectCreated:*</c>) covers an event (<c>ObjectCreated:Put</c>).</summary>
    public static bool Covers(string configured, string eventName)
    {
        var type = configured.AsSpan(3); // without "s3:"
        return type.EndsWith(":*")
            ? eventName.AsSpan().StartsWith(type[..^1], StringComparison.Ordinal)
            : type.SequenceEqual(eventName);
    }

    /// <summary>Whether two configured types can match the same event (equal, or a wildcard and a member of its family).</summary>
    public static bool Intersect(string a, string b)
    {
        static string Family(string e) => e[..(e.LastIndexOf(':') + 1)];
        return a == b || (Family(a) == Family(b) && (a.EndsWith(":*", StringComparison.Ordinal) || b.EndsWith(":*", StringComparison.Ordinal)));
    }
}

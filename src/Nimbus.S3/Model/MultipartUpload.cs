namespace Nimbus.S3.Model;

/// <summary>An initiated multipart upload: where the object will go and the headers (and tags) it will get.</summary>
internal sealed record MultipartUpload(string UploadId, string Bucket, string Key, ObjectHeaders Headers, DateTimeOffset Initiated)
{
    public Dictionary<string, string>? Tags { get; init; }
}

using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>boto3, unconfigured (it sends CRC32 checksums by default), against the object API.</summary>
public sealed class Boto3ObjectTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task PutGetHeadDelete_RoundTripsBodyHeadersMetadataAndChecksum()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="roundtrip")
            body = os.urandom(300_000)
            put = s3.put_object(Bucket="roundtrip", Key="dir/file name+1.bin", Body=body, ContentType="application/x-test",
                                ContentEncoding="identity", ContentDisposition="attachment", CacheControl="max-age=60",
                                Metadata={"Color": "blue", "n": "1"})
            get = s3.get_object(Bucket="roundtrip", Key="dir/file name+1.bin")
            data = get["Body"].read()
            head = s3.head_object(Bucket="roundtrip", Key="dir/file name+1.bin", ChecksumMode="ENABLED")
            s3.delete_object(Bucket="roundtrip", Key="dir/file name+1.bin")
            gone = error_of(lambda: s3.get_object(Bucket="roundtrip", Key="dir/file name+1.bin"))
            print(json.dumps({
                "etag": put["ETag"], "md5": '"' + hashlib.md5(body).hexdigest() + '"', "same": data == body,
                "putCrc": put.get("ChecksumCRC32"), "headCrc": head.get("ChecksumCRC32"),
                "type": get["ContentType"], "encoding": get.get("ContentEncoding"), "disposition": get.get("ContentDisposition"),
                "cache": get.get("CacheControl"), "meta": get["Metadata"], "length": head["ContentLength"],
                "modified": head["LastModified"].isoformat(), "gone": gone}))
            """);
        Assert.Equal(result.GetProperty("md5").GetString(), result.GetProperty("etag").GetString());
        Assert.True(result.GetProperty("same").GetBoolean());
        Assert.NotNull(result.GetProperty("putCrc").GetString());
        Assert.Equal(result.GetProperty("putCrc").GetString(), result.GetProperty("headCrc").GetString());
        Assert.Equal("application/x-test", result.GetProperty("type").GetString());
        Assert.Equal("identity", result.GetProperty("encoding").GetString());
        Assert.Equal("attachment", result.GetProperty("disposition").GetString());
        Assert.Equal("max-age=60", result.GetProperty("cache").GetString());
        Assert.Equal("blue", result.GetProperty("meta").GetProperty("color").GetString());
        Assert.Equal(300_000, result.GetProperty("length").GetInt32());
        Assert.Equal("NoSuchKey", result.GetProperty("gone").GetProperty("code").GetString());
        Assert.Equal(404, result.GetProperty("gone").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task RangeRequests_Return206WithContentRange_AndInvalidRangeIs416()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="ranges")
            s3.put_object(Bucket="ranges", Key="k", Body=b"0123456789")
            a = s3.get_object(Bucket="ranges", Key="k", Range="bytes=2-4")
            b = s3.get_object(Bucket="ranges", Key="k", Range="bytes=-3")
            c = s3.get_object(Bucket="ranges", Key="k", Range="bytes=7-")
            d = s3.get_object(Bucket="ranges", Key="k", Range="bytes=8-100")
            bad = error_of(lambda: s3.get_object(Bucket="ranges", Key="k", Range="bytes=10-12"))
            print(json.dumps({"a": a["Body"].read().decode(), "aRange": a["ContentRange"], "aStatus": a["ResponseMetadata"]["HTTPStatusCode"],
                              "b": b["Body"].read().decode(), "c": c["Body"].read().decode(), "d": d["Body"].read().decode(),
                              "dRange": d["ContentRange"], "bad": bad}))
            """);
        Assert.Equal("234", result.GetProperty("a").GetString());
        Assert.Equal("bytes 2-4/10", result.GetProperty("aRange").GetString());
        Assert.Equal(206, result.GetProperty("aStatus").GetInt32());
        Assert.Equal("789", result.GetProperty("b").GetString());
        Assert.Equal("789", result.GetProperty("c").GetString());
        Assert.Equal("89", result.GetProperty("d").GetString());
        Assert.Equal("bytes 8-9/10", result.GetProperty("dRange").GetString());
        Assert.Equal("InvalidRange", result.GetProperty("bad").GetProperty("code").GetString());
        Assert.Equal(416, result.GetProperty("bad").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ConditionalGets_Answer304And412AsS3Does()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="conditions")
            etag = s3.put_object(Bucket="conditions", Key="k", Body=b"data")["ETag"]
            past = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
            future = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
            print(json.dumps({
                "matchOk": s3.get_object(Bucket="conditions", Key="k", IfMatch=etag)["Body"].read().decode(),
                "matchFails": error_of(lambda: s3.get_object(Bucket="conditions", Key="k", IfMatch='"nope"')),
                "noneMatch": error_of(lambda: s3.get_object(Bucket="conditions", Key="k", IfNoneMatch=etag)),
                "noneMatchOk": s3.get_object(Bucket="conditions", Key="k", IfNoneMatch='"other"')["Body"].read().decode(),
                "modifiedSinceFuture": error_of(lambda: s3.get_object(Bucket="conditions", Key="k", IfModifiedSince=future)),
                "modifiedSincePast": s3.get_object(Bucket="conditions", Key="k", IfModifiedSince=past)["Body"].read().decode(),
                "unmodifiedSincePast": error_of(lambda: s3.get_object(Bucket="conditions", Key="k", IfUnmodifiedSince=past)),
                "headMatchFails": error_of(lambda: s3.head_object(Bucket="conditions", Key="k", IfMatch='"nope"')),
            }))
            """);
        Assert.Equal("data", result.GetProperty("matchOk").GetString());
        Assert.Equal("PreconditionFailed", result.GetProperty("matchFails").GetProperty("code").GetString());
        Assert.Equal(304, result.GetProperty("noneMatch").GetProperty("status").GetInt32());
        Assert.Equal("data", result.GetProperty("noneMatchOk").GetString());
        Assert.Equal(304, result.GetProperty("modifiedSinceFuture").GetProperty("status").GetInt32());
        Assert.Equal("data", result.GetProperty("modifiedSincePast").GetString());
        Assert.Equal(412, result.GetProperty("unmodifiedSincePast").GetProperty("status").GetInt32());
        Assert.Equal(412, result.GetProperty("headMatchFails").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ListObjectsV2_PaginatesWithDelimiterInKeyOrder()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="listing")
            keys = ["a/1", "a/2", "b/1", "c", "d/x/y", "e", "é", "z", "\u00ff", "A"]
            for k in keys:
                s3.put_object(Bucket="listing", Key=k, Body=b"x")
            pages = []
            for page in s3.get_paginator("list_objects_v2").paginate(Bucket="listing", Delimiter="/", PaginationConfig={"PageSize": 2}):
                pages.append([c["Prefix"] for c in page.get("CommonPrefixes", [])] + [c["Key"] for c in page.get("Contents", [])])
            flat = [c["Key"] for c in s3.list_objects_v2(Bucket="listing")["Contents"]]
            prefixed = [c["Key"] for c in s3.list_objects_v2(Bucket="listing", Prefix="a/")["Contents"]]
            after = [c["Key"] for c in s3.list_objects_v2(Bucket="listing", StartAfter="c")["Contents"]]
            v1 = []
            for page in s3.get_paginator("list_objects").paginate(Bucket="listing", PaginationConfig={"PageSize": 3}):
                v1 += [c["Key"] for c in page.get("Contents", [])]
            print(json.dumps({"pages": pages, "flat": flat, "prefixed": prefixed, "after": after, "v1": v1}))
            """);
        var flat = result.GetProperty("flat").EnumerateArray().Select(k => k.GetString()).ToList();
        // UTF-8 binary order: upper case before lower case, then é (C3 A9) before ÿ (C3 BF).
        Assert.Equal(["A", "a/1", "a/2", "b/1", "c", "d/x/y", "e", "z", "é", "ÿ"], flat);
        Assert.Equal(flat, result.GetProperty("v1").EnumerateArray().Select(k => k.GetString()).ToList());
        var pages = result.GetProperty("pages").EnumerateArray().SelectMany(p => p.EnumerateArray().Select(k => k.GetString())).ToList();
        Assert.Equal(["A", "a/", "b/", "c", "d/", "e", "z", "é", "ÿ"], pages.Order(StringComparer.Ordinal).ToList());
        Assert.All(result.GetProperty("pages").EnumerateArray(), p => Assert.True(p.GetArrayLength() <= 2));
        Assert.Equal(["a/1", "a/2"], result.GetProperty("prefixed").EnumerateArray().Select(k => k.GetString()).ToList());
        Assert.Equal(["d/x/y", "e", "z", "é", "ÿ"], result.GetProperty("after").EnumerateArray().Select(k => k.GetString()).ToList());
    }

    [Fact]
    public async Task CopyObject_CopiesOrReplacesMetadata_AndDeleteObjectsHonoursQuiet()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="copies")
            s3.put_object(Bucket="copies", Key="src", Body=b"payload", ContentType="text/plain", Metadata={"a": "1"})
            s3.copy_object(Bucket="copies", Key="kept", CopySource={"Bucket": "copies", "Key": "src"})
            s3.copy_object(Bucket="copies", Key="replaced", CopySource="copies/src", MetadataDirective="REPLACE",
                           ContentType="text/html", Metadata={"b": "2"})
            kept = s3.head_object(Bucket="copies", Key="kept")
            replaced = s3.get_object(Bucket="copies", Key="replaced")
            self_copy = error_of(lambda: s3.copy_object(Bucket="copies", Key="src", CopySource="copies/src"))
            loud = s3.delete_objects(Bucket="copies", Delete={"Objects": [{"Key": "kept"}, {"Key": "missing"}]})
            quiet = s3.delete_objects(Bucket="copies", Delete={"Objects": [{"Key": "replaced"}], "Quiet": True})
            left = [c["Key"] for c in s3.list_objects_v2(Bucket="copies").get("Contents", [])]
            print(json.dumps({"keptType": kept["ContentType"], "keptMeta": kept["Metadata"],
                              "replacedType": replaced["ContentType"], "replacedMeta": replaced["Metadata"],
                              "replacedBody": replaced["Body"].read().decode(), "selfCopy": self_copy,
                              "loud": sorted(d["Key"] for d in loud.get("Deleted", [])), "quiet": quiet.get("Deleted", []), "left": left}))
            """);
        Assert.Equal("text/plain", result.GetProperty("keptType").GetString());
        Assert.Equal("1", result.GetProperty("keptMeta").GetProperty("a").GetString());
        Assert.Equal("text/html", result.GetProperty("replacedType").GetString());
        Assert.Equal("2", result.GetProperty("replacedMeta").GetProperty("b").GetString());
        Assert.False(result.GetProperty("replacedMeta").TryGetProperty("a", out _));
        Assert.Equal("payload", result.GetProperty("replacedBody").GetString());
        Assert.Equal("InvalidRequest", result.GetProperty("selfCopy").GetProperty("code").GetString());
        Assert.Equal(["kept", "missing"], result.GetProperty("loud").EnumerateArray().Select(k => k.GetString()).ToList());
        Assert.Equal(0, result.GetProperty("quiet").GetArrayLength());
        Assert.Equal(["src"], result.GetProperty("left").EnumerateArray().Select(k => k.GetString()).ToList());
    }
}

using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>ListParts, ListMultipartUploads and UploadPartCopy through boto3, and multipart error cases.</summary>
public sealed class MultipartListingTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task ListParts_PaginatesWithMaxPartsAndMarker_AndUnknownUploadIsNoSuchUpload()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="parts")
            up = s3.create_multipart_upload(Bucket="parts", Key="k")["UploadId"]
            etags = [s3.upload_part(Bucket="parts", Key="k", UploadId=up, PartNumber=n, Body=bytes([n]) * (100 + n))["ETag"] for n in (1, 2, 3, 5)]
            first = s3.list_parts(Bucket="parts", Key="k", UploadId=up, MaxParts=3)
            rest = s3.list_parts(Bucket="parts", Key="k", UploadId=up, PartNumberMarker=first["NextPartNumberMarker"])
            paginated = [p["PartNumber"] for page in s3.get_paginator("list_parts").paginate(Bucket="parts", Key="k", UploadId=up, PaginationConfig={"PageSize": 1}) for p in page.get("Parts", [])]
            print(json.dumps({
                "first": [[p["PartNumber"], p["Size"], p["ETag"]] for p in first["Parts"]], "truncated": first["IsTruncated"],
                "next": first["NextPartNumberMarker"], "rest": [p["PartNumber"] for p in rest["Parts"]], "restTruncated": rest["IsTruncated"],
                "etags": etags, "paginated": paginated, "owner": "ID" in first["Owner"], "initiator": "ID" in first["Initiator"],
                "unknown": error_of(lambda: s3.list_parts(Bucket="parts", Key="k", UploadId="nope")),
                "wrongKey": error_of(lambda: s3.list_parts(Bucket="parts", Key="other", UploadId=up)),
            }))
            """);
        var first = result.GetProperty("first").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], first.Select(p => p[0].GetInt32()));
        Assert.Equal([101, 102, 103], first.Select(p => p[1].GetInt32()));
        Assert.Equal(result.GetProperty("etags").EnumerateArray().Take(3).Select(e => e.GetString()), first.Select(p => p[2].GetString()));
        Assert.True(result.GetProperty("truncated").GetBoolean());
        Assert.Equal(3, result.GetProperty("next").GetInt32());
        Assert.Equal([5], result.GetProperty("rest").EnumerateArray().Select(p => p.GetInt32()));
        Assert.False(result.GetProperty("restTruncated").GetBoolean());
        Assert.Equal([1, 2, 3, 5], result.GetProperty("paginated").EnumerateArray().Select(p => p.GetInt32()));
        Assert.True(result.GetProperty("owner").GetBoolean());
        Assert.True(result.GetProperty("initiator").GetBoolean());
        Assert.Equal("NoSuchUpload", result.GetProperty("unknown").GetProperty("code").GetString());
        Assert.Equal(404, result.GetProperty("unknown").GetProperty("status").GetInt32());
        Assert.Equal("NoSuchUpload", result.GetProperty("wrongKey").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ListMultipartUploads_HonoursPrefixDelimiterAndMarkers()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="uploads")
            ids = {}
            for key in ["a/1", "a/2", "b", "c/x/1", "d", "d"]:
                ids.setdefault(key, []).append(s3.create_multipart_upload(Bucket="uploads", Key=key)["UploadId"])
            everything = s3.list_multipart_uploads(Bucket="uploads")
            rolled = s3.list_multipart_uploads(Bucket="uploads", Delimiter="/")
            prefixed = s3.list_multipart_uploads(Bucket="uploads", Prefix="a/")
            page1 = s3.list_multipart_uploads(Bucket="uploads", MaxUploads=4)
            page2 = s3.list_multipart_uploads(Bucket="uploads", KeyMarker=page1["NextKeyMarker"], UploadIdMarker=page1["NextUploadIdMarker"])
            after_key = s3.list_multipart_uploads(Bucket="uploads", KeyMarker="b")
            walked = []
            for page in s3.get_paginator("list_multipart_uploads").paginate(Bucket="uploads", PaginationConfig={"PageSize": 1}):
                walked += [[u["Key"], u["UploadId"]] for u in page.get("Uploads", [])]
            print(json.dumps({
                "all": [[u["Key"], u["UploadId"]] for u in everything["Uploads"]], "ids": ids,
                "rolledKeys": [u["Key"] for u in rolled.get("Uploads", [])], "rolledPrefixes": [p["Prefix"] for p in rolled.get("CommonPrefixes", [])],
                "prefixed": [u["Key"] for u in prefixed["Uploads"]],
                "page1": [u["Key"] for u in page1["Uploads"]], "page1Truncated": page1["IsTruncated"],
                "page2": [[u["Key"], u["UploadId"]] for u in page2["Uploads"]], "afterKey": [u["Key"] for u in after_key["Uploads"]],
                "walked": walked,
            }))
            """);
        var all = result.GetProperty("all").EnumerateArray().Select(u => (u[0].GetString(), u[1].GetString())).ToList();
        Assert.Equal(["a/1", "a/2", "b", "c/x/1", "d", "d"], all.Select(u => u.Item1));
        // Two uploads of one key come in the order they were initiated.
        var dIds = result.GetProperty("ids").GetProperty("d").EnumerateArray().Select(i => i.GetString()).ToList();
        Assert.Equal(dIds, all.Where(u => u.Item1 == "d").Select(u => u.Item2));
        Assert.Equal(["b", "d", "d"], result.GetProperty("rolledKeys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["a/", "c/"], result.GetProperty("rolledPrefixes").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["a/1", "a/2"], result.GetProperty("prefixed").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["a/1", "a/2", "b", "c/x/1"], result.GetProperty("page1").EnumerateArray().Select(k => k.GetString()));
        Assert.True(result.GetProperty("page1Truncated").GetBoolean());
        Assert.Equal(all.Skip(4), result.GetProperty("page2").EnumerateArray().Select(u => (u[0].GetString(), u[1].GetString())));
        Assert.Equal(["c/x/1", "d", "d"], result.GetProperty("afterKey").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(all, result.GetProperty("walked").EnumerateArray().Select(u => (u[0].GetString(), u[1].GetString())));
    }

    [Fact]
    public async Task UploadPartCopy_CopiesRangesIntoParts_AndRejectsBadRanges()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="partcopy")
            source = os.urandom(6 * 1024 * 1024 + 100)
            s3.put_object(Bucket="partcopy", Key="src", Body=source)
            up = s3.create_multipart_upload(Bucket="partcopy", Key="dst")["UploadId"]
            five = 5 * 1024 * 1024
            p1 = s3.upload_part_copy(Bucket="partcopy", Key="dst", UploadId=up, PartNumber=1, CopySource="partcopy/src", CopySourceRange=f"bytes=0-{five - 1}")
            p2 = s3.upload_part_copy(Bucket="partcopy", Key="dst", UploadId=up, PartNumber=2, CopySource={"Bucket": "partcopy", "Key": "src"}, CopySourceRange=f"bytes={five}-{len(source) - 1}")
            bad_range = error_of(lambda: s3.upload_part_copy(Bucket="partcopy", Key="dst", UploadId=up, PartNumber=4, CopySource="partcopy/src", CopySourceRange=f"bytes=0-{len(source)}"))
            bad_form = error_of(lambda: s3.upload_part_copy(Bucket="partcopy", Key="dst", UploadId=up, PartNumber=4, CopySource="partcopy/src", CopySourceRange="bytes=5-"))
            no_source = error_of(lambda: s3.upload_part_copy(Bucket="partcopy", Key="dst", UploadId=up, PartNumber=4, CopySource="partcopy/missing"))
            failed_condition = error_of(lambda: s3.upload_part_copy(Bucket="partcopy", Key="dst", UploadId=up, PartNumber=4, CopySource="partcopy/src", CopySourceIfMatch='"nope"'))
            s3.complete_multipart_upload(Bucket="partcopy", Key="dst", UploadId=up, MultipartUpload={"Parts": [
                {"PartNumber": 1, "ETag": p1["CopyPartResult"]["ETag"]}, {"PartNumber": 2, "ETag": p2["CopyPartResult"]["ETag"]}]})
            body = s3.get_object(Bucket="partcopy", Key="dst")["Body"].read()
            print(json.dumps({
                "same": body == source, "etag1": p1["CopyPartResult"]["ETag"], "md5": '"' + hashlib.md5(source[:five]).hexdigest() + '"',
                "badRange": bad_range, "badForm": bad_form, "noSource": no_source, "condition": failed_condition,
            }))
            """);
        Assert.True(result.GetProperty("same").GetBoolean());
        Assert.Equal(result.GetProperty("md5").GetString(), result.GetProperty("etag1").GetString());
        Assert.Equal("InvalidArgument", result.GetProperty("badRange").GetProperty("code").GetString());
        Assert.Equal("InvalidArgument", result.GetProperty("badForm").GetProperty("code").GetString());
        Assert.Equal("NoSuchKey", result.GetProperty("noSource").GetProperty("code").GetString());
        Assert.Equal(412, result.GetProperty("condition").GetProperty("status").GetInt32());
    }
}

using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>Object and bucket tagging through boto3, with AWS's limits and errors.</summary>
public sealed class TaggingTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task ObjectTags_ComeFromPutCopyAndMultipart_AndAreCountedOnGet()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="tags")
            s3.put_object(Bucket="tags", Key="k", Body=b"x", Tagging="team=storage&cost%20centre=a%26b")
            tagged = s3.get_object(Bucket="tags", Key="k")
            initial = s3.get_object_tagging(Bucket="tags", Key="k")["TagSet"]
            s3.put_object_tagging(Bucket="tags", Key="k", Tagging={"TagSet": [{"Key": "only", "Value": ""}]})
            replaced = s3.get_object_tagging(Bucket="tags", Key="k")["TagSet"]
            s3.copy_object(Bucket="tags", Key="copied", CopySource="tags/k")
            s3.copy_object(Bucket="tags", Key="retagged", CopySource="tags/k", TaggingDirective="REPLACE", Tagging="new=1")
            up = s3.create_multipart_upload(Bucket="tags", Key="mp", Tagging="from=multipart")["UploadId"]
            e = s3.upload_part(Bucket="tags", Key="mp", UploadId=up, PartNumber=1, Body=b"part")["ETag"]
            s3.complete_multipart_upload(Bucket="tags", Key="mp", UploadId=up, MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e}]})
            s3.delete_object_tagging(Bucket="tags", Key="k")
            print(json.dumps({
                "count": tagged.get("TagCount"), "initial": {t["Key"]: t["Value"] for t in initial}, "replaced": replaced,
                "copied": s3.get_object_tagging(Bucket="tags", Key="copied")["TagSet"],
                "retagged": s3.get_object_tagging(Bucket="tags", Key="retagged")["TagSet"],
                "multipart": s3.get_object_tagging(Bucket="tags", Key="mp")["TagSet"],
                "afterDelete": s3.get_object_tagging(Bucket="tags", Key="k")["TagSet"],
                "untaggedCount": s3.head_object(Bucket="tags", Key="k").get("TagCount"),
                "missing": error_of(lambda: s3.get_object_tagging(Bucket="tags", Key="missing")),
            }))
            """);
        Assert.Equal(2, result.GetProperty("count").GetInt32());
        Assert.Equal("storage", result.GetProperty("initial").GetProperty("team").GetString());
        Assert.Equal("a&b", result.GetProperty("initial").GetProperty("cost centre").GetString());
        Assert.Equal("only", result.GetProperty("replaced")[0].GetProperty("Key").GetString());
        Assert.Equal("", result.GetProperty("replaced")[0].GetProperty("Value").GetString());
        Assert.Equal("only", result.GetProperty("copied")[0].GetProperty("Key").GetString());
        Assert.Equal("new", result.GetProperty("retagged")[0].GetProperty("Key").GetString());
        Assert.Equal("multipart", result.GetProperty("multipart")[0].GetProperty("Value").GetString());
        Assert.Equal(0, result.GetProperty("afterDelete").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("untaggedCount").ValueKind);
        Assert.Equal("NoSuchKey", result.GetProperty("missing").GetProperty("code").GetString());
    }

    [Fact]
    public async Task TagLimits_AndBucketTagging_AnswerAsAws()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="tag-limits")
            s3.put_object(Bucket="tag-limits", Key="k", Body=b"x")
            def tags(n, key=lambda i: f"k{i}", value=lambda i: "v"):
                return {"TagSet": [{"Key": key(i), "Value": value(i)} for i in range(n)]}
            no_tags = error_of(lambda: s3.get_bucket_tagging(Bucket="tag-limits"))
            s3.put_bucket_tagging(Bucket="tag-limits", Tagging=tags(50))
            bucket_tags = s3.get_bucket_tagging(Bucket="tag-limits")["TagSet"]
            s3.delete_bucket_tagging(Bucket="tag-limits")
            print(json.dumps({
                "noTags": no_tags, "bucketCount": len(bucket_tags),
                "afterDelete": error_of(lambda: s3.get_bucket_tagging(Bucket="tag-limits")),
                "tooManyBucket": error_of(lambda: s3.put_bucket_tagging(Bucket="tag-limits", Tagging=tags(51))),
                "tooManyObject": error_of(lambda: s3.put_object_tagging(Bucket="tag-limits", Key="k", Tagging=tags(11))),
                "longKey": error_of(lambda: s3.put_object_tagging(Bucket="tag-limits", Key="k", Tagging=tags(1, key=lambda i: "k" * 129))),
                "longValue": error_of(lambda: s3.put_object_tagging(Bucket="tag-limits", Key="k", Tagging=tags(1, value=lambda i: "v" * 257))),
                "duplicate": error_of(lambda: s3.put_object_tagging(Bucket="tag-limits", Key="k", Tagging=tags(2, key=lambda i: "same"))),
                "system": error_of(lambda: s3.put_object_tagging(Bucket="tag-limits", Key="k", Tagging=tags(1, key=lambda i: "aws:reserved"))),
                "headerTooMany": error_of(lambda: s3.put_object(Bucket="tag-limits", Key="h", Body=b"x", Tagging="&".join(f"k{i}=v" for i in range(11)))),
                "maxOk": s3.put_object_tagging(Bucket="tag-limits", Key="k", Tagging=tags(10, key=lambda i: f"{i}" + "k" * 127, value=lambda i: "v" * 256))["ResponseMetadata"]["HTTPStatusCode"],
                "noBucket": error_of(lambda: s3.get_bucket_tagging(Bucket="no-such-tag-bucket")),
            }))
            """);
        void Expect(string name, string code, int status)
        {
            Assert.Equal(code, result.GetProperty(name).GetProperty("code").GetString());
            Assert.Equal(status, result.GetProperty(name).GetProperty("status").GetInt32());
        }
        Expect("noTags", "NoSuchTagSet", 404);
        Assert.Equal(50, result.GetProperty("bucketCount").GetInt32());
        Expect("afterDelete", "NoSuchTagSet", 404);
        Expect("tooManyBucket", "BadRequest", 400);
        Expect("tooManyObject", "BadRequest", 400);
        Expect("longKey", "InvalidTag", 400);
        Expect("longValue", "InvalidTag", 400);
        Expect("duplicate", "InvalidTag", 400);
        Expect("system", "InvalidTag", 400);
        Expect("headerTooMany", "BadRequest", 400);
        Assert.Equal(200, result.GetProperty("maxOk").GetInt32());
        Expect("noBucket", "NoSuchBucket", 404);
    }
}

using System.Text.Json;
using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>Bucket versioning through boto3: version ids, delete markers, reads by version, listings, suspension.</summary>
public sealed class VersioningTests(NimbusServerFixture server) : IClassFixture<NimbusServerFixture>
{
    [Fact]
    public async Task EnabledBucket_KeepsEveryVersion_AndDeleteMarkersHideTheKey()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="versioned")
            before = s3.get_bucket_versioning(Bucket="versioned")
            s3.put_object(Bucket="versioned", Key="k", Body=b"v0 unversioned")
            s3.put_bucket_versioning(Bucket="versioned", VersioningConfiguration={"Status": "Enabled"})
            v1 = s3.put_object(Bucket="versioned", Key="k", Body=b"v1")["VersionId"]
            v2 = s3.put_object(Bucket="versioned", Key="k", Body=b"v2")["VersionId"]
            current = s3.get_object(Bucket="versioned", Key="k")
            old = s3.get_object(Bucket="versioned", Key="k", VersionId=v1)["Body"].read().decode()
            null_version = s3.get_object(Bucket="versioned", Key="k", VersionId="null")["Body"].read().decode()
            head_old = s3.head_object(Bucket="versioned", Key="k", VersionId=v1)
            deleted = s3.delete_object(Bucket="versioned", Key="k")
            gone = None
            try:
                s3.get_object(Bucket="versioned", Key="k")
            except botocore.exceptions.ClientError as e:
                gone = {"code": e.response["Error"]["Code"], "marker": e.response["ResponseMetadata"]["HTTPHeaders"].get("x-amz-delete-marker")}
            marker_get = error_of(lambda: s3.get_object(Bucket="versioned", Key="k", VersionId=deleted["VersionId"]))
            listed = [c["Key"] for c in s3.list_objects_v2(Bucket="versioned").get("Contents", [])]
            versions = s3.list_object_versions(Bucket="versioned")
            # Removing the delete marker brings the newest version back.
            s3.delete_object(Bucket="versioned", Key="k", VersionId=deleted["VersionId"])
            restored = s3.get_object(Bucket="versioned", Key="k")["Body"].read().decode()
            s3.delete_object(Bucket="versioned", Key="k", VersionId=v2)
            after_removal = s3.get_object(Bucket="versioned", Key="k")["Body"].read().decode()
            missing_version = error_of(lambda: s3.get_object(Bucket="versioned", Key="k", VersionId="A" * 32))
            bad_version = error_of(lambda: s3.get_object(Bucket="versioned", Key="k", VersionId="bad"))
            not_empty = error_of(lambda: s3.delete_bucket(Bucket="versioned"))
            print(json.dumps({
                "before": before.get("Status"), "after": s3.get_bucket_versioning(Bucket="versioned")["Status"],
                "v1": v1, "v2": v2, "currentBody": current["Body"].read().decode(), "currentVersion": current["VersionId"],
                "old": old, "null": null_version, "headOld": head_old["VersionId"],
                "deleteMarker": deleted.get("DeleteMarker"), "markerVersion": deleted["VersionId"], "gone": gone, "markerGet": marker_get,
                "listed": listed,
                "versions": [[v["VersionId"], v["IsLatest"], v["Size"]] for v in versions["Versions"]],
                "markers": [[m["VersionId"], m["IsLatest"]] for m in versions["DeleteMarkers"]],
                "restored": restored, "afterRemoval": after_removal, "missingVersion": missing_version, "badVersion": bad_version,
                "notEmpty": not_empty,
            }))
            """);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("before").ValueKind);
        Assert.Equal("Enabled", result.GetProperty("after").GetString());
        var v1 = result.GetProperty("v1").GetString()!;
        var v2 = result.GetProperty("v2").GetString()!;
        Assert.Equal(32, v1.Length);
        Assert.NotEqual(v1, v2);
        Assert.Equal("v2", result.GetProperty("currentBody").GetString());
        Assert.Equal(v2, result.GetProperty("currentVersion").GetString());
        Assert.Equal("v1", result.GetProperty("old").GetString());
        Assert.Equal("v0 unversioned", result.GetProperty("null").GetString());
        Assert.Equal(v1, result.GetProperty("headOld").GetString());
        Assert.True(result.GetProperty("deleteMarker").GetBoolean());
        Assert.Equal("NoSuchKey", result.GetProperty("gone").GetProperty("code").GetString());
        Assert.Equal("true", result.GetProperty("gone").GetProperty("marker").GetString());
        Assert.Equal(405, result.GetProperty("markerGet").GetProperty("status").GetInt32());
        Assert.Equal(0, result.GetProperty("listed").GetArrayLength());
        var versions = result.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([v2, v1, "null"], versions.Select(v => v[0].GetString()));
        Assert.All(versions, v => Assert.False(v[1].GetBoolean()));
        var markers = result.GetProperty("markers").EnumerateArray().ToList();
        Assert.Equal(result.GetProperty("markerVersion").GetString(), Assert.Single(markers)[0].GetString());
        Assert.True(markers[0][1].GetBoolean());
        Assert.Equal("v2", result.GetProperty("restored").GetString());
        Assert.Equal("v1", result.GetProperty("afterRemoval").GetString());
        Assert.Equal("NoSuchVersion", result.GetProperty("missingVersion").GetProperty("code").GetString());
        Assert.Equal("InvalidArgument", result.GetProperty("badVersion").GetProperty("code").GetString());
        Assert.Equal("BucketNotEmpty", result.GetProperty("notEmpty").GetProperty("code").GetString());
    }

    [Fact]
    public async Task SuspendedBucket_OverwritesTheNullVersion_AndKeepsOlderOnes()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="suspended")
            s3.put_bucket_versioning(Bucket="suspended", VersioningConfiguration={"Status": "Enabled"})
            kept = s3.put_object(Bucket="suspended", Key="k", Body=b"kept")["VersionId"]
            s3.put_bucket_versioning(Bucket="suspended", VersioningConfiguration={"Status": "Suspended"})
            s3.put_object(Bucket="suspended", Key="k", Body=b"null one")
            s3.put_object(Bucket="suspended", Key="k", Body=b"null two")
            versions = s3.list_object_versions(Bucket="suspended", Prefix="k")["Versions"]
            marker = s3.delete_object(Bucket="suspended", Key="k")
            after_delete = s3.list_object_versions(Bucket="suspended")
            bad = error_of(lambda: s3.put_bucket_versioning(Bucket="suspended", VersioningConfiguration={"Status": "Off"}))
            print(json.dumps({
                "kept": kept, "status": s3.get_bucket_versioning(Bucket="suspended")["Status"],
                "versions": [[v["VersionId"], v["IsLatest"], v["Size"]] for v in versions],
                "markerVersion": marker.get("VersionId"), "markerFlag": marker.get("DeleteMarker"),
                "afterVersions": [v["VersionId"] for v in after_delete.get("Versions", [])],
                "afterMarkers": [m["VersionId"] for m in after_delete.get("DeleteMarkers", [])],
                "keptBody": s3.get_object(Bucket="suspended", Key="k", VersionId=kept)["Body"].read().decode(), "bad": bad,
            }))
            """);
        Assert.Equal("Suspended", result.GetProperty("status").GetString());
        var kept = result.GetProperty("kept").GetString();
        var versions = result.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["null", kept], versions.Select(v => v[0].GetString()));
        Assert.Equal(8, versions[0][2].GetInt32());
        Assert.True(versions[0][1].GetBoolean());
        Assert.Equal("null", result.GetProperty("markerVersion").GetString());
        Assert.True(result.GetProperty("markerFlag").GetBoolean());
        // The suspended delete replaced the null version with a null delete marker; the enabled-era version survives.
        Assert.Equal([kept], result.GetProperty("afterVersions").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["null"], result.GetProperty("afterMarkers").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("kept", result.GetProperty("keptBody").GetString());
        Assert.Equal("MalformedXML", result.GetProperty("bad").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ListObjectVersions_PaginatesWithKeyAndVersionMarkers_AndRollsUpPrefixes()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="version-pages")
            s3.put_bucket_versioning(Bucket="version-pages", VersioningConfiguration={"Status": "Enabled"})
            expected = []
            for key in ["a", "b", "dir/x", "dir/y", "c"]:
                ids = [s3.put_object(Bucket="version-pages", Key=key, Body=key.encode() * n)["VersionId"] for n in (1, 2, 3)]
                expected += [[key, i] for i in reversed(ids)]
            expected.sort(key=lambda e: e[0])
            walked = []
            for page in s3.get_paginator("list_object_versions").paginate(Bucket="version-pages", PaginationConfig={"PageSize": 2}):
                walked += [[v["Key"], v["VersionId"]] for v in page.get("Versions", [])]
            first = s3.list_object_versions(Bucket="version-pages", MaxKeys=4)
            rolled = s3.list_object_versions(Bucket="version-pages", Delimiter="/")
            copy = s3.copy_object(Bucket="version-pages", Key="copy", CopySource={"Bucket": "version-pages", "Key": "a", "VersionId": expected[2][1]})
            print(json.dumps({
                "expected": expected, "walked": walked, "nextKey": first["NextKeyMarker"], "nextVersion": first["NextVersionIdMarker"],
                "truncated": first["IsTruncated"], "rolledKeys": sorted({v["Key"] for v in rolled["Versions"]}),
                "rolledPrefixes": [p["Prefix"] for p in rolled["CommonPrefixes"]],
                "copySourceVersion": copy["CopySourceVersionId"], "copyVersion": copy.get("VersionId"),
                "copied": s3.get_object(Bucket="version-pages", Key="copy")["Body"].read().decode(),
            }))
            """);
        var expected = result.GetProperty("expected").EnumerateArray().Select(e => (e[0].GetString(), e[1].GetString())).ToList();
        Assert.Equal(15, expected.Count);
        Assert.Equal(expected, result.GetProperty("walked").EnumerateArray().Select(e => (e[0].GetString(), e[1].GetString())));
        Assert.True(result.GetProperty("truncated").GetBoolean());
        Assert.Equal(expected[3].Item1, result.GetProperty("nextKey").GetString());
        Assert.Equal(expected[3].Item2, result.GetProperty("nextVersion").GetString());
        Assert.Equal(["a", "b", "c"], result.GetProperty("rolledKeys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["dir/"], result.GetProperty("rolledPrefixes").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(expected[2].Item2, result.GetProperty("copySourceVersion").GetString());
        Assert.Equal(32, result.GetProperty("copyVersion").GetString()!.Length);
        Assert.Equal("a", result.GetProperty("copied").GetString());
    }

    [Fact]
    public async Task SuspendedBucket_NamesTheNullVersion_OnPutGetAndHead_WhereANeverVersionedBucketDoesNot()
    {
        var result = await server.Boto3.RunAsync("""
            s3 = client("s3")
            s3.create_bucket(Bucket="suspended-ids")
            s3.put_bucket_versioning(Bucket="suspended-ids", VersioningConfiguration={"Status": "Suspended"})
            put = s3.put_object(Bucket="suspended-ids", Key="k", Body=b"null version")
            get = s3.get_object(Bucket="suspended-ids", Key="k")
            head = s3.head_object(Bucket="suspended-ids", Key="k")
            s3.create_bucket(Bucket="never-versioned-ids")
            plain = s3.put_object(Bucket="never-versioned-ids", Key="k", Body=b"x")
            plain_head = s3.head_object(Bucket="never-versioned-ids", Key="k")
            print(json.dumps({"put": put.get("VersionId"), "get": get.get("VersionId"), "head": head.get("VersionId"),
                "plain": plain.get("VersionId"), "plain_head": plain_head.get("VersionId")}))
            """);
        Assert.Equal("null", result.GetProperty("put").GetString());
        Assert.Equal("null", result.GetProperty("get").GetString());
        Assert.Equal("null", result.GetProperty("head").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("plain").ValueKind);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("plain_head").ValueKind);
    }
}

using System.Formats.Cbor;
using Nimbus.Protocol.Documents;

namespace Nimbus.Protocol.Tests;

/// <summary>The protocol-neutral documents behind multi-protocol services (CloudWatch: CBOR, JSON, query).</summary>
public sealed class WireDocumentTests
{
    [Fact]
    public void Query_MembersBecomeListsAndEntriesMaps_InIndexOrder()
    {
        var input = QueryDocument.Read([
            new("Action", "PutMetricData"), new("Version", "2010-08-01"), new("Namespace", "App"),
            new("MetricData.member.2.MetricName", "second"), new("MetricData.member.1.MetricName", "first"),
            new("MetricData.member.1.Values.member.10", "10"), new("MetricData.member.1.Values.member.2", "2"),
            new("Tags.entry.1.key", "k"), new("Tags.entry.1.value", "v"), new("Empty", ""),
        ]);

        Assert.Null(input["Action"]);
        Assert.Equal("App", input["Namespace"]!.AsString());
        var data = input["MetricData"]!.AsList();
        Assert.Equal(["first", "second"], data.Select(d => d["MetricName"]!.AsString()));
        Assert.Equal([2d, 10d], data[0]["Values"]!.AsList().Select(v => v.AsDouble()));
        Assert.True(input["Tags"]!.IsKeyedMap);
        Assert.Equal("v", input["Tags"]!["k"]!.AsString());
        Assert.Empty(input["Empty"]!.AsList());
    }

    [Fact]
    public void Query_NonNumericListIndex_IsAWireFormatError()
    {
        Assert.Throws<WireFormatException>(() => QueryDocument.Read([new("List.member.x", "1")]));
    }

    [Fact]
    public void Cbor_RoundTripsEveryKind_WithTimestampsAsTagOne()
    {
        var at = new DateTimeOffset(2026, 11, 27, 4, 0, 0, 250, TimeSpan.Zero);
        var value = WireValue.Map(
            ("s", WireValue.Of("text")), ("d", WireValue.Of(1.5)), ("i", WireValue.OfInteger(-7)), ("b", WireValue.Of(true)),
            ("t", WireValue.Of(at)), ("l", WireValue.List([WireValue.Of("x")])), ("blob", WireValue.Blob([1, 2])));

        var bytes = CborDocument.Write(value);
        var back = CborDocument.Read(bytes);

        Assert.Equal("text", back["s"]!.AsString());
        Assert.Equal(1.5, back["d"]!.AsDouble());
        Assert.Equal(-7, back["i"]!.AsInt64());
        Assert.True(back["b"]!.AsBoolean());
        Assert.Equal(at, back["t"]!.AsTimestamp());
        Assert.Equal("x", back["l"]!.AsList()[0].AsString());
        Assert.Equal([1, 2], back["blob"]!.AsBlob());
        var reader = new CborReader(bytes);
        reader.ReadStartMap();
        while (reader.ReadTextString() != "t")
        {
            reader.SkipValue();
        }
        Assert.Equal(CborTag.UnixTimeSeconds, reader.ReadTag());
    }

    [Fact]
    public void Cbor_IndefiniteLengthMapsAndTruncatedInput()
    {
        var writer = new CborWriter();
        writer.WriteStartMap(null);
        writer.WriteTextString("k");
        writer.WriteStartArray(null);
        writer.WriteInt32(3);
        writer.WriteEndArray();
        writer.WriteEndMap();
        var bytes = writer.Encode();

        Assert.Equal(3, CborDocument.Read(bytes)["k"]!.AsList()[0].AsInt32());
        Assert.Throws<WireFormatException>(() => CborDocument.Read(bytes.AsMemory(0, bytes.Length - 2)));
        Assert.Throws<WireFormatException>(() => CborDocument.Read(new byte[] { 0xff }));
    }

    [Theory]
    [InlineData("1700000000", 1700000000)]
    [InlineData("2023-11-14T22:13:20Z", 1700000000)]
    [InlineData("2023-11-14T22:13:20.000Z", 1700000000)]
    public void Timestamps_FromQueryStrings_AcceptIsoAndEpoch(string text, long epochSeconds)
    {
        Assert.Equal(epochSeconds, WireValue.Of(text).AsTimestamp().ToUnixTimeSeconds());
    }

    [Fact]
    public void Json_ReadsNumbersAsTimestampsAndRejectsGarbage()
    {
        var input = JsonWireDocument.Read("""{"StartTime": 1700000000.5, "N": [1, 2]}"""u8.ToArray());
        Assert.Equal(1700000000500, input["StartTime"]!.AsTimestamp().ToUnixTimeMilliseconds());
        Assert.Throws<WireFormatException>(() => JsonWireDocument.Read("{\"a\":"u8.ToArray()));
        Assert.Throws<WireFormatException>(() => input["N"]!.AsString());
    }
}

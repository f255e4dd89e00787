using System.Text;
using System.Text.Json;
using Nimbus.Core.Streams;
using Nimbus.Lambda.EventSources;

namespace Nimbus.Lambda.Tests;

/// <summary>The DynamoDB stream event a function receives, and how its partial batch response is read.</summary>
public sealed class StreamEventTests
{
    private const string Arn = "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2026-11-27T00:00:00.000";

    private static readonly TableStreamRecord[] Records =
    [
        Record("100", "INSERT"), Record("200", "MODIFY"), Record("300", "REMOVE"),
    ];

    [Fact]
    public void Build_AddsEventSourceArnAfterEachRecordsMembers()
    {
        using var document = JsonDocument.Parse(StreamEvent.Build(Records, Arn));
        var records = document.RootElement.GetProperty("Records").EnumerateArray().ToList();
        Assert.Equal(3, records.Count);
        Assert.Equal(["eventID", "eventName", "dynamodb", "eventSourceARN"], records[1].EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("MODIFY", records[1].GetProperty("eventName").GetString());
        Assert.All(records, r => Assert.Equal(Arn, r.GetProperty("eventSourceARN").GetString()));
    }

    [Theory]
    [InlineData("null", -1)]
    [InlineData("", -1)]
    [InlineData("{}", -1)]
    [InlineData("{\"batchItemFailures\":[]}", -1)]
    [InlineData("{\"batchItemFailures\":null}", -1)]
    [InlineData("{\"batchItemFailures\":[{\"itemIdentifier\":\"200\"}]}", 1)]
    [InlineData("{\"batchItemFailures\":[{\"itemIdentifier\":\"300\"},{\"itemIdentifier\":\"200\"}]}", 1)]
    [InlineData("{\"batchItemFailures\":[{\"itemIdentifier\":\"100\"}]}", 0)]
    [InlineData("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}", 0)]
    [InlineData("{\"batchItemFailures\":[{\"itemIdentifier\":null}]}", 0)]
    [InlineData("{\"batchItemFailures\":[{\"itemIdentifier\":\"999\"}]}", 0)]
    [InlineData("{\"batchItemFailures\":[{}]}", 0)]
    public void FirstFailure_FollowsAwsRulesForPartialBatchResponses(string response, int expected) =>
        Assert.Equal(expected, StreamEvent.FirstFailure(Encoding.UTF8.GetBytes(response), Records));

    [Fact]
    public void Bisect_SplitsInHalves_AndTheSecondKeepsTheBatchCheckpoint()
    {
        var batch = new StreamBatch(Records, "350") { Attempts = 1 };
        var (first, second) = batch.Bisect();
        Assert.Equal(["100"], first.Records.Select(r => r.SequenceNumber).ToArray());
        Assert.Equal("100", first.LastSequenceNumber);
        Assert.Equal(["200", "300"], second.Records.Select(r => r.SequenceNumber).ToArray());
        Assert.Equal("350", second.LastSequenceNumber);
        Assert.Equal(1, second.Attempts);
    }

    private static TableStreamRecord Record(string sequence, string name) => new(sequence, DateTimeOffset.UnixEpoch,
        "{\"eventID\":\"id-" + sequence + "\",\"eventName\":\"" + name + "\",\"dynamodb\":{\"SequenceNumber\":\"" + sequence + "\"}}");
}

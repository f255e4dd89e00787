namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// StartingPosition on a stream that already holds records: LATEST starts after the records written before the mapping
/// was created, TRIM_HORIZON with the oldest record held.
/// </summary>
public sealed partial class StreamMappingDeliveryTests
{
    [Fact]
    public async Task StartingPositionLatest_SkipsEarlierRecords_WhileTrimHorizonDeliversThem()
    {
        var result = await server.Boto3.RunAsync(StreamMappingScripts.Helpers + $$$"""
            table, stream = make_table("KEYS_ONLY")
            put(table, "old-1"); put(table, "old-2")
            latest_fn = make_function({"app.py": {{{Json(StreamMappingScripts.RecorderFunction)}}}})
            horizon_fn = make_function({"app.py": {{{Json(StreamMappingScripts.RecorderFunction)}}}})
            latest = lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=latest_fn, StartingPosition="LATEST")
            horizon = lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=horizon_fn, StartingPosition="TRIM_HORIZON")
            wait_state(latest["UUID"], "Enabled")
            wait_state(horizon["UUID"], "Enabled")
            put(table, "new-1"); put(table, "new-2")
            # Records arrive in stream order, so once new-2 is in, anything older would already have been delivered.
            got = {name: delivered_keys(wait_batches(fn, lambda g: "new-2" in delivered_keys(g))) for name, fn in [("latest", latest_fn), ("horizon", horizon_fn)]}
            print(json.dumps(got))
            """);

        Assert.Equal(["new-1", "new-2"], Strings(result.GetProperty("latest")));
        Assert.Equal(["old-1", "old-2", "new-1", "new-2"], Strings(result.GetProperty("horizon")));
    }
}

using System.Text.Json;
using Nimbus.EndToEnd.Tests.Infrastructure;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// Event source mappings survive <c>kill -9</c>: the mapping and its checkpoint are durable, and the restarted server
/// resumes after the last delivered record — no record is lost, and what was already delivered is not replayed.
/// </summary>
public sealed class StreamMappingRestartTests : IDisposable
{
    private readonly TempDataDirectory _data = new("nimbus-esm-kill");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task KillDashNine_ThenRestart_ResumesFromTheCheckpoint()
    {
        JsonElement setup;
        await using (var first = await ServerProcess.StartAsync(_data.Path))
        {
            setup = await first.Boto3.RunAsync(StreamMappingScripts.Helpers + $$$"""
                table, stream = make_table()
                fn = make_function({"app.py": {{{JsonSerializer.Serialize(StreamMappingScripts.RecorderFunction)}}}})
                m = lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=fn, StartingPosition="TRIM_HORIZON", BatchSize=2)
                for i in range(3):
                    put(table, "k%d" % i)
                got = wait_batches(fn, lambda g: "k2" in delivered_keys(g))
                print(json.dumps({"table": table, "fn": fn, "uuid": m["UUID"], "before": delivered_keys(got)}))
                """);
            await first.KillHardAsync();
        }

        await using var second = await ServerProcess.StartAsync(_data.Path);
        var result = await second.Boto3.RunAsync(StreamMappingScripts.Helpers + $$$"""
            table, fn, uuid = {{{JsonSerializer.Serialize(setup.GetProperty("table").GetString())}}}, {{{JsonSerializer.Serialize(setup.GetProperty("fn").GetString())}}}, {{{JsonSerializer.Serialize(setup.GetProperty("uuid").GetString())}}}
            state = wait_state(uuid, "Enabled")["State"]
            for i in range(3, 6):
                put(table, "k%d" % i)
            got = wait_batches(fn, lambda g: "k5" in delivered_keys(g))
            print(json.dumps({"all": delivered_keys(got), "state": state}))
            """);

        var before = setup.GetProperty("before").EnumerateArray().Select(e => e.GetString()!).ToList();
        var all = result.GetProperty("all").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(["k0", "k1", "k2"], before);
        // Every record, in write order by first delivery; at-least-once allows only the last batch before the kill to
        // come again (its checkpoint write may have been cut off), never the start of the stream.
        Assert.Equal(["k0", "k1", "k2", "k3", "k4", "k5"], all.Distinct().ToArray());
        var afterRestart = all.Skip(before.Count).ToList();
        Assert.DoesNotContain("k0", afterRestart);
        Assert.DoesNotContain("k1", afterRestart);
    }
}

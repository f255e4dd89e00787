namespace Nimbus.Bench;

/// <summary>Knobs of the invoke benchmark: <c>--warm N --throughput-seconds S --throughput-warmup-seconds S --cold N --runtimes nodejs20.x,python3.12</c>.</summary>
internal sealed record BenchOptions
{
    public int WarmInvokes { get; init; } = 2000;

    public double ThroughputSeconds { get; init; } = 5;

    /// <summary>Unmeasured load at the same concurrency before the throughput clock starts (JIT tier-up).</summary>
    public double ThroughputWarmupSeconds { get; init; } = 10;

    public int Concurrency { get; init; } = 16;

    public int ColdStarts { get; init; } = 15;

    public IReadOnlyList<string> Runtimes { get; init; } = ["nodejs20.x", "python3.12"];

    /// <summary><c>http</c> (the invoke benchmark over the edge endpoint) or <c>engine</c> (cold starts, memory, sandbox overhead); both when null.</summary>
    public string? Only { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--warm" => options with { WarmInvokes = int.Parse(args[i + 1]) },
                "--throughput-seconds" => options with { ThroughputSeconds = double.Parse(args[i + 1]) },
                "--throughput-warmup-seconds" => options with { ThroughputWarmupSeconds = double.Parse(args[i + 1]) },
                "--concurrency" => options with { Concurrency = int.Parse(args[i + 1]) },
                "--cold" => options with { ColdStarts = int.Parse(args[i + 1]) },
                "--only" => options with { Only = args[i + 1] },
                "--runtimes" => options with { Runtimes = args[i + 1].Split(',') },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return options;
    }
}

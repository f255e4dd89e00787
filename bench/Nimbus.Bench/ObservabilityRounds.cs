namespace Nimbus.Bench;

/// <summary>What the observability benchmark's alternating rounds measured, per side (index 0 on, 1 off).</summary>
internal sealed class ObservabilityRounds
{
    public ObservabilityRounds(int sides)
    {
        Sides = Enumerable.Range(0, sides).Select(_ => new SideRounds()).ToArray();
    }

    public SideRounds[] Sides { get; }

    /// <summary>
    /// Whichever side runs second in a round can be slower, so a median of rounds would be decided by which side ran
    /// first more often; each pair of rounds runs each side once first and once second, so the median over pairs
    /// compares like with like. Values are fractions (0.05 = 5%).
    /// </summary>
    public List<double> PairedOverheads()
    {
        var (on, off) = (Sides[0].Throughput, Sides[1].Throughput);
        return Enumerable.Range(0, on.Count / 2)
            .Select(p => 1 - (on[2 * p] + on[2 * p + 1]) / (off[2 * p] + off[2 * p + 1]))
            .ToList();
    }

    /// <summary>One side's rounds.</summary>
    internal sealed class SideRounds
    {
        public List<double> Throughput { get; } = [];

        public List<double> Latencies { get; } = [];

        public long Invokes { get; private set; }

        public double Seconds { get; private set; }

        public TimeSpan ServerCpu { get; private set; }

        public TimeSpan RuntimeCpu { get; private set; }

        public TimeSpan ClientCpu { get; private set; }

        public (long Gen0, long Gen1, long Gen2, double PauseMs) Collections { get; set; }

        /// <summary>Invokes per second over all measured slices.</summary>
        public double OverallThroughput => Invokes / Seconds;

        public double ServerMicroseconds => ServerCpu.TotalMicroseconds / Invokes;

        public double RuntimeMicroseconds => RuntimeCpu.TotalMicroseconds / Invokes;

        public double ClientMicroseconds => ClientCpu.TotalMicroseconds / Invokes;

        /// <summary>Everything one invoke costs the machine: server, the function's runtime, the calling client.</summary>
        public double TotalMicroseconds => ServerMicroseconds + RuntimeMicroseconds + ClientMicroseconds;

        /// <summary>Context switches of the server's threads per invoke.</summary>
        public double ServerSwitchesPerInvoke => (double)ServerSwitches / Invokes;

        private long ServerSwitches { get; set; }

        public void AddRound(int invokes, double seconds, TimeSpan server, TimeSpan runtime, TimeSpan client, long serverSwitches)
        {
            ServerSwitches += serverSwitches;
            Throughput.Add(invokes / seconds);
            Invokes += invokes;
            Seconds += seconds;
            ServerCpu += server;
            RuntimeCpu += runtime;
            ClientCpu += client;
        }
    }
}

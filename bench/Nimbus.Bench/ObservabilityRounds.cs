namespace Nimbus.Bench;

/// <summary>What the observability benchmark's alternating rounds measured, per side (index 0 on, 1 off).</summary>
internal sealed class ObservabilityRounds
{
    public ObservabilityRounds(int sides)
    {
        Sides = Enumerable.Range(0, sides).Select(_ => new SideRounds()).ToArray();
    }

    public SideRounds[] Sides { get; }

    /// <summary>Each round's throughput overhead of the on side: 1 − on/off (0.05 = 5%); both sides ran at once.</summary>
    public List<double> RoundOverheads() =>
        Sides[0].Throughput.Zip(Sides[1].Throughput, (on, off) => 1 - on / off).ToList();

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

        public (long Gen0, long Gen1, long Gen2) Collections { get; private set; }

        public void AddCollections(long gen0, long gen1, long gen2) =>
            Collections = (Collections.Gen0 + gen0, Collections.Gen1 + gen1, Collections.Gen2 + gen2);

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

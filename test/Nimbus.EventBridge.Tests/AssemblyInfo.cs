// The real-client classes start servers and runtime processes; on a 2-core machine they run one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// End-to-end tests start real servers and real runtime processes; on a 2-core machine they run one class at a time
// so that a slow neighbour never turns into a flaky timeout.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

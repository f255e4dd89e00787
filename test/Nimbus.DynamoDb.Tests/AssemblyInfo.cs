// Each class starts a real server and drives it with client processes; on a 2-core machine one class at a time keeps
// the machine responsive for the other suites.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

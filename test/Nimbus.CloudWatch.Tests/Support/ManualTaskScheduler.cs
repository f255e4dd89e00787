namespace Nimbus.CloudWatch.Tests.Support;

/// <summary>Holds queued tasks until the test runs them, so work that would run in the background can be seen waiting.</summary>
public sealed class ManualTaskScheduler : TaskScheduler
{
    private readonly List<Task> _queued = [];

    public int Pending
    {
        get
        {
            lock (_queued)
            {
                return _queued.Count;
            }
        }
    }

    /// <summary>Runs every task queued so far, on the calling thread.</summary>
    public void RunPending()
    {
        List<Task> tasks;
        lock (_queued)
        {
            tasks = [.. _queued];
            _queued.Clear();
        }
        foreach (var task in tasks)
        {
            TryExecuteTask(task);
        }
    }

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_queued)
        {
            return [.. _queued];
        }
    }

    protected override void QueueTask(Task task)
    {
        lock (_queued)
        {
            _queued.Add(task);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;
}

using Nimbus.Core;
using Nimbus.EventBridge.Model;
using Nimbus.EventBridge.Store;

namespace Nimbus.EventBridge.Service;

internal sealed partial class SchedulerService
{
    public string CreateGroup(AwsScope scope, string name, IReadOnlyDictionary<string, string>? tags)
    {
        RequireGroup(scope, DefaultGroup);
        var now = _time.GetUtcNow();
        var group = new ScheduleGroupRecord
        {
            Name = name,
            Arn = GroupArn(scope, name),
            CreationDate = now,
            LastModificationDate = now,
            Tags = new Dictionary<string, string>(tags ?? new Dictionary<string, string>(), StringComparer.Ordinal),
        };
        if (!_store.TryAddGroup(scope, group))
        {
            throw SchedulerErrors.Conflict($"Schedule group {name} already exists.");
        }
        return group.Arn;
    }

    /// <summary>The group, creating <c>default</c> on first use: every account has it.</summary>
    public ScheduleGroupRecord RequireGroup(AwsScope scope, string name)
    {
        if (_store.GetGroup(scope, name) is { } group)
        {
            return group;
        }
        if (name != DefaultGroup)
        {
            throw SchedulerErrors.GroupNotFound(name);
        }
        var now = _time.GetUtcNow();
        _store.TryAddGroup(scope, new ScheduleGroupRecord { Name = DefaultGroup, Arn = GroupArn(scope, DefaultGroup), CreationDate = now, LastModificationDate = now });
        return _store.GetGroup(scope, DefaultGroup)!;
    }

    /// <summary>Deletes a group with all its schedules (AWS does this asynchronously; here it is done when the call returns).</summary>
    public void DeleteGroup(AwsScope scope, string name)
    {
        if (name == DefaultGroup)
        {
            throw SchedulerErrors.Validation("The default schedule group cannot be deleted.");
        }
        lock (_writes)
        {
            RequireGroup(scope, name);
            foreach (var schedule in _store.ListSchedules(scope, name))
            {
                _engine.Remove(ScheduleKeys.Schedule(scope, name, schedule.Name));
            }
            _store.DeleteGroup(scope, name);
        }
    }

    public Page<ScheduleGroupRecord> ListGroups(AwsScope scope, string? prefix, string? token, int? max)
    {
        RequireGroup(scope, DefaultGroup);
        var groups = _store.ListGroups(scope).Where(g => prefix is null || g.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return Page<ScheduleGroupRecord>.Of(groups, g => g.Name, token, max ?? 100, BadToken);
    }

    /// <summary>Tags live on schedule groups only (the model's TagResourceArn pattern is a schedule-group ARN).</summary>
    public IReadOnlyDictionary<string, string> ListTags(AwsScope scope, string arn) => GroupOf(scope, arn).Tags;

    public void Tag(AwsScope scope, string arn, IReadOnlyDictionary<string, string>? add, IReadOnlyList<string>? remove)
    {
        lock (_writes)
        {
            var group = GroupOf(scope, arn);
            var tags = new Dictionary<string, string>(group.Tags, StringComparer.Ordinal);
            foreach (var (key, value) in add ?? new Dictionary<string, string>())
            {
                tags[key] = value;
            }
            foreach (var key in remove ?? [])
            {
                tags.Remove(key);
            }
            _store.UpdateGroup(scope, group with { Tags = tags, LastModificationDate = _time.GetUtcNow() });
        }
    }

    private ScheduleGroupRecord GroupOf(AwsScope scope, string arn)
    {
        const string marker = ":schedule-group/";
        var at = arn.IndexOf(marker, StringComparison.Ordinal);
        if (!arn.StartsWith("arn:", StringComparison.Ordinal) || at < 0)
        {
            throw SchedulerErrors.Validation($"Invalid resource ARN {arn}.");
        }
        var name = arn[(at + marker.Length)..];
        return RequireGroup(scope, name);
    }
}

using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.CloudWatch.Metrics.Service;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>TagResource, UntagResource and ListTagsForResource on alarm ARNs.</summary>
public sealed partial class AlarmsService
{
    public IReadOnlyList<KeyValuePair<string, string>> ListTags(string? resourceArn) => Tagged(resourceArn).Tags;

    public void TagResource(string? resourceArn, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        AlarmValidation.Tags(tags, "Tags");
        lock (_changes)
        {
            var alarm = Tagged(resourceArn);
            Retag(alarm, tags);
        }
    }

    public void UntagResource(string? resourceArn, IReadOnlyList<string> keys)
    {
        lock (_changes)
        {
            var alarm = Tagged(resourceArn);
            _store.Put(alarm with { Tags = alarm.Tags.Where(t => !keys.Contains(t.Key)).ToList() });
        }
    }

    private void Retag(MetricAlarm alarm, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        var merged = alarm.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            merged[tag.Key] = tag.Value;
        }
        AlarmValidation.Tags(merged.ToList(), "Tags");
        _store.Put(alarm with { Tags = merged.ToList() });
    }

    /// <summary>The alarm an ARN names (<c>arn:aws:cloudwatch:{region}:{account}:alarm:{name}</c>).</summary>
    private MetricAlarm Tagged(string? resourceArn)
    {
        if (resourceArn is null)
        {
            throw MetricsErrors.MissingParameter("ResourceARN");
        }
        if (!Arn.TryParse(resourceArn, out var arn) || arn.Service != "cloudwatch"
            || !(arn.Resource.StartsWith("alarm:", StringComparison.Ordinal) || arn.Resource.StartsWith("insight-rule/", StringComparison.Ordinal)))
        {
            throw MetricsErrors.InvalidParameterValue($"Invalid ARN: {resourceArn}");
        }
        var name = arn.Resource.StartsWith("alarm:", StringComparison.Ordinal) ? arn.Resource["alarm:".Length..] : null;
        return (name is null ? null : _store.Get(new AwsScope(arn.AccountId, arn.Region), name))
            ?? throw MetricsErrors.ResourceNotFoundException($"{resourceArn} not found");
    }
}

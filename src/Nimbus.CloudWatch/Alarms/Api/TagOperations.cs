using Nimbus.CloudWatch.Alarms.Service;
using Nimbus.CloudWatch.Metrics.Api;
using Nimbus.Core;
using Nimbus.Protocol.Documents;

namespace Nimbus.CloudWatch.Alarms.Api;

/// <summary>TagResource, UntagResource (empty outputs) and ListTagsForResource (<c>Tags</c>) on alarm ARNs.</summary>
internal static class TagOperations
{
    public static WireValue TagResource(AlarmsService service, AwsScope scope, WireValue input)
    {
        service.TagResource(Input.String(input, "ResourceARN", ""), AlarmInput.Tags(input));
        return WireValue.Map();
    }

    public static WireValue UntagResource(AlarmsService service, AwsScope scope, WireValue input)
    {
        service.UntagResource(Input.String(input, "ResourceARN", ""), Input.Strings(input, "TagKeys", ""));
        return WireValue.Map();
    }

    public static WireValue ListTagsForResource(AlarmsService service, AwsScope scope, WireValue input) =>
        WireValue.Map(("Tags", AlarmOutput.Tags(service.ListTags(Input.String(input, "ResourceARN", "")))));
}

using System.Text;
using System.Xml;
using System.Xml.Linq;
using Nimbus.S3.Notifications;

namespace Nimbus.S3.Api;

/// <summary>
/// The <c>NotificationConfiguration</c> document (rest-xml, flattened lists): <c>CloudFunctionConfiguration</c> elements
/// with <c>Id</c>, <c>CloudFunction</c>, <c>Event</c>… and <c>Filter/S3Key/FilterRule</c>. Queue and topic configurations are
/// read only to name them in the destination error (Nimbus has no SQS or SNS, so those destinations do not exist).
/// </summary>
internal static class NotificationConfigurationXml
{
    public static (NotificationConfiguration Configuration, IReadOnlyList<(string Arn, string Reason)> MissingDestinations) Parse(XDocument document)
    {
        var root = document.Root;
        if (root is null || root.Name.LocalName != "NotificationConfiguration")
        {
            throw S3Errors.MalformedXml();
        }
        var functions = new List<LambdaNotification>();
        var missing = new List<(string, string)>();
        foreach (var element in root.Elements())
        {
            switch (element.Name.LocalName)
            {
                case "CloudFunctionConfiguration":
                    functions.Add(ParseFunction(element));
                    break;
                case "QueueConfiguration":
                    missing.Add((Destination(element, "Queue"), "The destination queue does not exist"));
                    break;
                case "TopicConfiguration":
                    missing.Add((Destination(element, "Topic"), "The destination topic does not exist"));
                    break;
                case "EventBridgeConfiguration":
                    throw S3Errors.NotImplemented("EventBridgeConfiguration in bucket notifications");
                default:
                    throw S3Errors.MalformedXml();
            }
        }
        return (new NotificationConfiguration(functions), missing);
    }

    public static void Write(XmlWriter xml, NotificationConfiguration configuration)
    {
        foreach (var function in configuration.LambdaFunctions)
        {
            xml.WriteStartElement("CloudFunctionConfiguration", S3Xml.Namespace);
            S3Xml.Element(xml, "Id", function.Id);
            S3Xml.Element(xml, "CloudFunction", function.FunctionArn);
            foreach (var e in function.Events)
            {
                S3Xml.Element(xml, "Event", e);
            }
            if (function.Prefix is not null || function.Suffix is not null)
            {
                xml.WriteStartElement("Filter", S3Xml.Namespace);
                xml.WriteStartElement("S3Key", S3Xml.Namespace);
                WriteRule(xml, "Prefix", function.Prefix);
                WriteRule(xml, "Suffix", function.Suffix);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
    }

    private static LambdaNotification ParseFunction(XElement element)
    {
        var arn = Child(element, "CloudFunction")?.Value.Trim();
        var events = element.Elements().Where(e => e.Name.LocalName == "Event").Select(e => e.Value.Trim()).ToList();
        if (string.IsNullOrEmpty(arn) || events.Count == 0)
        {
            throw S3Errors.MalformedXml();
        }
        foreach (var e in events)
        {
            if (S3EventNames.Unsupported.Contains(e))
            {
                throw S3Errors.NotImplemented($"Notifications for {e} (Nimbus raises s3:ObjectCreated:* and s3:ObjectRemoved:* events)");
            }
            if (!S3EventNames.Supported.Contains(e))
            {
                throw S3Errors.InvalidArgument("The event is not supported for notifications", "Event", e);
            }
        }
        string? prefix = null, suffix = null;
        var rules = Child(element, "Filter") is { } filter ? Child(filter, "S3Key")?.Elements().Where(e => e.Name.LocalName == "FilterRule") ?? [] : [];
        foreach (var rule in rules)
        {
            var name = Child(rule, "Name")?.Value ?? "";
            var value = Child(rule, "Value")?.Value ?? "";
            if (Encoding.UTF8.GetByteCount(value) > 1024)
            {
                throw S3Errors.InvalidArgument("Size of filter rule value cannot exceed 1024 bytes in UTF-8 representation", "FilterRule", value);
            }
            if (name.Equals("prefix", StringComparison.OrdinalIgnoreCase))
            {
                prefix = prefix is null ? value : throw S3Errors.InvalidArgument("Cannot specify more than one prefix rule in a filter.", "FilterRule", name);
            }
            else if (name.Equals("suffix", StringComparison.OrdinalIgnoreCase))
            {
                suffix = suffix is null ? value : throw S3Errors.InvalidArgument("Cannot specify more than one suffix rule in a filter.", "FilterRule", name);
            }
            else
            {
                throw S3Errors.InvalidArgument("filter rule name must be either prefix or suffix", "FilterRule", name);
            }
        }
        var id = Child(element, "Id")?.Value;
        // S3 names an unnamed configuration itself: base64 of a UUID.
        id = string.IsNullOrEmpty(id) ? Convert.ToBase64String(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("D"))) : id;
        return new LambdaNotification(id, arn, events, prefix, suffix);
    }

    private static string Destination(XElement element, string name) =>
        Child(element, name)?.Value.Trim() is { Length: > 0 } arn && element.Elements().Any(e => e.Name.LocalName == "Event") ? arn : throw S3Errors.MalformedXml();

    private static void WriteRule(XmlWriter xml, string name, string? value)
    {
        if (value is null)
        {
            return;
        }
        xml.WriteStartElement("FilterRule", S3Xml.Namespace);
        S3Xml.Element(xml, "Name", name);
        S3Xml.Element(xml, "Value", value);
        xml.WriteEndElement();
    }

    private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);
}

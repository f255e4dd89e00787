using System.Text.Json.Serialization;

namespace Nimbus.S3.Notifications;

/// <summary>How a configuration is stored (one JSON document per bucket).</summary>
[JsonSerializable(typeof(NotificationConfiguration))]
internal sealed partial class NotificationJsonContext : JsonSerializerContext;

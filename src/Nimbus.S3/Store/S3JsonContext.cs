using System.Text.Json.Serialization;

namespace Nimbus.S3.Store;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class S3JsonContext : JsonSerializerContext;

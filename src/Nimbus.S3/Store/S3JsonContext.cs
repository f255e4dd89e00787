using System.Text.Json.Serialization;

namespace Nimbus.S3.Store;

[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Nimbus.S3.Model.ObjectHeaders))]
[JsonSerializable(typeof(List<Nimbus.S3.Model.CorsRule>))]
internal sealed partial class S3JsonContext : JsonSerializerContext;

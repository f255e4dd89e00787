using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nimbus.ApiGateway.RestApis.Api;

/// <summary>
/// The <c>apigateway</c> model's timestamps have no <c>timestampFormat</c>, so rest-json sends them as epoch seconds
/// (<c>"createdDate": 1508461860</c>); stored documents use the same form.
/// </summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(reader.GetDouble() * 1000))
            : DateTimeOffset.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeSeconds());
}

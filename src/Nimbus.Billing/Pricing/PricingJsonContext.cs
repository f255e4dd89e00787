using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nimbus.Billing.Pricing;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(PriceTable))]
internal sealed partial class PricingJsonContext : JsonSerializerContext;

using System.Text.Json;
using Nimbus.Core;

namespace Nimbus.DynamoDb.Api;

/// <summary>One call as an operation sees it: the services, who is calling, the request and the response writer.</summary>
internal sealed record OperationContext(DynamoDbApi Api, AwsScope Scope, JsonElement Input, Utf8JsonWriter Output);

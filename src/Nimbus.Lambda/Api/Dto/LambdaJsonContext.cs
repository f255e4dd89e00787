using System.Text.Json.Serialization;

namespace Nimbus.Lambda.Api.Dto;

/// <summary>Source-generated (reflection-free) serializers of every Lambda request and response shape.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateFunctionRequestDto))]
[JsonSerializable(typeof(UpdateFunctionConfigurationRequestDto))]
[JsonSerializable(typeof(UpdateFunctionCodeRequestDto))]
[JsonSerializable(typeof(PublishVersionRequestDto))]
[JsonSerializable(typeof(AliasRequestDto))]
[JsonSerializable(typeof(AliasConfigurationDto))]
[JsonSerializable(typeof(ListAliasesResponseDto))]
[JsonSerializable(typeof(ConcurrencyDto))]
[JsonSerializable(typeof(RecursionConfigDto))]
[JsonSerializable(typeof(AddPermissionRequestDto))]
[JsonSerializable(typeof(AddPermissionResponseDto))]
[JsonSerializable(typeof(GetPolicyResponseDto))]
[JsonSerializable(typeof(TagsDto))]
[JsonSerializable(typeof(FunctionConfigurationDto))]
[JsonSerializable(typeof(GetFunctionResponseDto))]
[JsonSerializable(typeof(ListFunctionsResponseDto))]
[JsonSerializable(typeof(AccountSettingsDto))]
[JsonSerializable(typeof(EventInvokeConfigRequestDto))]
[JsonSerializable(typeof(FunctionEventInvokeConfigDto))]
[JsonSerializable(typeof(ListFunctionEventInvokeConfigsResponseDto))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Nimbus.Core;
using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Model;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary>Model → wire shapes.</summary>
internal static class Mappers
{
    /// <summary>Lambda's timestamp format: <c>2026-11-27T00:00:00.000+0000</c>.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    public static FunctionConfigurationDto ToDto(AwsScope scope, FunctionVersionConfig config, bool qualifyLatest = false)
    {
        var qualifier = config.Version == "$LATEST" && !qualifyLatest ? null : config.Version;
        var (stateReason, stateReasonCode) = config.State switch
        {
            FunctionState.Pending => ("The function is being created.", "Creating"),
            FunctionState.Failed => ("Lambda could not unpack the deployment package.", "InvalidZipFileException"),
            _ => ((string?)null, (string?)null),
        };
        var updating = config.LastUpdateStatus == LastUpdateStatus.InProgress;
        return new FunctionConfigurationDto
        {
            FunctionName = config.FunctionName,
            FunctionArn = LambdaService.FunctionArn(scope, config.FunctionName, qualifier),
            Runtime = config.Runtime,
            Role = config.Role,
            Handler = config.Handler,
            CodeSize = config.CodeSize,
            Description = config.Description,
            Timeout = config.TimeoutSeconds,
            MemorySize = config.MemorySizeMb,
            LastModified = FormatTimestamp(config.LastModified),
            CodeSha256 = config.CodeSha256,
            Version = config.Version,
            Environment = config.Environment is null ? null : new EnvironmentDto { Variables = config.Environment },
            TracingConfig = new TracingConfigDto { Mode = config.TracingMode },
            RevisionId = config.RevisionId,
            State = config.State.ToString(),
            StateReason = stateReason,
            StateReasonCode = stateReasonCode,
            LastUpdateStatus = config.LastUpdateStatus?.ToString(),
            LastUpdateStatusReason = updating ? "The function is being created." : null,
            LastUpdateStatusReasonCode = updating ? "Creating" : null,
            PackageType = "Zip",
            Architectures = [config.Architecture],
            EphemeralStorage = new EphemeralStorageDto { Size = config.EphemeralStorageMb },
            SnapStart = new SnapStartDto { ApplyOn = "None", OptimizationStatus = "Off" },
            RuntimeVersionConfig = new RuntimeVersionConfigDto { RuntimeVersionArn = RuntimeVersionArn(scope, config.Runtime) },
            DeadLetterConfig = config.DeadLetterTargetArn is null ? null : new DeadLetterConfigDto { TargetArn = config.DeadLetterTargetArn },
            LoggingConfig = new LoggingConfigDto
            {
                LogFormat = config.LogFormat,
                ApplicationLogLevel = config.ApplicationLogLevel,
                SystemLogLevel = config.SystemLogLevel,
                LogGroup = config.EffectiveLogGroup,
            },
        };
    }

    /// <summary>A stable per-runtime ARN in AWS's shape (<c>arn:aws:lambda:region::runtime:&lt;64 hex&gt;</c>).</summary>
    private static string RuntimeVersionArn(AwsScope scope, string runtime) =>
        $"arn:aws:lambda:{scope.Region}::runtime:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("nimbus:" + runtime)))}";

    public static AliasConfigurationDto ToDto(AwsScope scope, string functionName, AliasConfig alias) => new()
    {
        AliasArn = LambdaService.FunctionArn(scope, functionName, alias.Name),
        Name = alias.Name,
        FunctionVersion = alias.FunctionVersion,
        Description = alias.Description,
        RoutingConfig = alias.AdditionalVersionWeights is null ? null : new AliasRoutingConfigDto { AdditionalVersionWeights = alias.AdditionalVersionWeights },
        RevisionId = alias.RevisionId,
    };

    /// <summary>
    /// The shared configuration members as a typed command. An <c>Environment</c> without <c>Variables</c> is an empty
    /// map (UpdateFunctionConfiguration: remove every variable); CreateFunction stores an empty map as none.
    /// </summary>
    public static FunctionSettings ToSettings(FunctionSettingsDto dto) => new()
    {
        Runtime = dto.Runtime,
        Role = dto.Role,
        Handler = dto.Handler,
        Description = dto.Description,
        TimeoutSeconds = dto.Timeout,
        MemorySizeMb = dto.MemorySize,
        EphemeralStorageMb = dto.EphemeralStorage?.Size,
        Environment = dto.Environment is null ? null : dto.Environment.Variables ?? [],
        TracingMode = dto.TracingConfig?.Mode,
        LogFormat = dto.LoggingConfig?.LogFormat,
        ApplicationLogLevel = dto.LoggingConfig?.ApplicationLogLevel,
        SystemLogLevel = dto.LoggingConfig?.SystemLogLevel,
        LogGroup = dto.LoggingConfig?.LogGroup,
        Layers = dto.Layers,
        DeadLetterTargetArn = dto.DeadLetterConfig?.TargetArn,
    };
}

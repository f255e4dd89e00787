namespace Nimbus.Lambda.Api;

/// <summary>
/// Operations of the Lambda model (botocore <c>lambda/2015-03-31</c>) that Nimbus does not implement yet. Each is
/// routed so that a client gets a clear AWS-shaped error naming the operation, never a crash or a 404.
/// </summary>
internal static class NotImplementedOperations
{
    public static readonly (string Method, string Template, string Operation)[] All =
    [
        ("POST", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy", "AddLayerVersionPermission"),
        ("POST", "/2025-12-01/durable-executions/{DurableExecutionArn}/checkpoint", "CheckpointDurableExecution"),
        ("POST", "/2025-11-30/capacity-providers", "CreateCapacityProvider"),
        ("POST", "/2020-04-22/code-signing-configs", "CreateCodeSigningConfig"),
        ("POST", "/2021-10-31/functions/{FunctionName}/url", "CreateFunctionUrlConfig"),
        ("DELETE", "/2025-11-30/capacity-providers/{CapacityProviderName}", "DeleteCapacityProvider"),
        ("DELETE", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}", "DeleteCodeSigningConfig"),
        ("DELETE", "/2020-06-30/functions/{FunctionName}/code-signing-config", "DeleteFunctionCodeSigningConfig"),
        ("DELETE", "/2021-10-31/functions/{FunctionName}/url", "DeleteFunctionUrlConfig"),
        ("DELETE", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}", "DeleteLayerVersion"),
        ("DELETE", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", "DeleteProvisionedConcurrencyConfig"),
        ("GET", "/2025-11-30/capacity-providers/{CapacityProviderName}", "GetCapacityProvider"),
        ("GET", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}", "GetCodeSigningConfig"),
        ("GET", "/2025-12-01/durable-executions/{DurableExecutionArn}", "GetDurableExecution"),
        ("GET", "/2025-12-01/durable-executions/{DurableExecutionArn}/history", "GetDurableExecutionHistory"),
        ("GET", "/2025-12-01/durable-executions/{DurableExecutionArn}/state", "GetDurableExecutionState"),
        ("GET", "/2020-06-30/functions/{FunctionName}/code-signing-config", "GetFunctionCodeSigningConfig"),
        ("GET", "/2025-11-30/functions/{FunctionName}/function-scaling-config", "GetFunctionScalingConfig"),
        ("GET", "/2021-10-31/functions/{FunctionName}/url", "GetFunctionUrlConfig"),
        ("GET", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}", "GetLayerVersion"),
        ("GET", "/2018-10-31/layers?find=LayerVersion", "GetLayerVersionByArn"),
        ("GET", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy", "GetLayerVersionPolicy"),
        ("GET", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", "GetProvisionedConcurrencyConfig"),
        ("GET", "/2021-07-20/functions/{FunctionName}/runtime-management-config", "GetRuntimeManagementConfig"),
        ("POST", "/2021-11-15/functions/{FunctionName}/response-streaming-invocations", "InvokeWithResponseStream"),
        ("GET", "/2025-11-30/capacity-providers", "ListCapacityProviders"),
        ("GET", "/2020-04-22/code-signing-configs", "ListCodeSigningConfigs"),
        ("GET", "/2025-12-01/functions/{FunctionName}/durable-executions", "ListDurableExecutionsByFunction"),
        ("GET", "/2021-10-31/functions/{FunctionName}/urls", "ListFunctionUrlConfigs"),
        ("GET", "/2025-11-30/capacity-providers/{CapacityProviderName}/function-versions", "ListFunctionVersionsByCapacityProvider"),
        ("GET", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}/functions", "ListFunctionsByCodeSigningConfig"),
        ("GET", "/2018-10-31/layers/{LayerName}/versions", "ListLayerVersions"),
        ("GET", "/2018-10-31/layers", "ListLayers"),
        ("GET", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency?List=ALL", "ListProvisionedConcurrencyConfigs"),
        ("POST", "/2018-10-31/layers/{LayerName}/versions", "PublishLayerVersion"),
        ("PUT", "/2020-06-30/functions/{FunctionName}/code-signing-config", "PutFunctionCodeSigningConfig"),
        ("PUT", "/2025-11-30/functions/{FunctionName}/function-scaling-config", "PutFunctionScalingConfig"),
        ("PUT", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", "PutProvisionedConcurrencyConfig"),
        ("PUT", "/2021-07-20/functions/{FunctionName}/runtime-management-config", "PutRuntimeManagementConfig"),
        ("DELETE", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy/{StatementId}", "RemoveLayerVersionPermission"),
        ("POST", "/2025-12-01/durable-execution-callbacks/{CallbackId}/fail", "SendDurableExecutionCallbackFailure"),
        ("POST", "/2025-12-01/durable-execution-callbacks/{CallbackId}/heartbeat", "SendDurableExecutionCallbackHeartbeat"),
        ("POST", "/2025-12-01/durable-execution-callbacks/{CallbackId}/succeed", "SendDurableExecutionCallbackSuccess"),
        ("POST", "/2025-12-01/durable-executions/{DurableExecutionArn}/stop", "StopDurableExecution"),
        ("PUT", "/2025-11-30/capacity-providers/{CapacityProviderName}", "UpdateCapacityProvider"),
        ("PUT", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}", "UpdateCodeSigningConfig"),
        ("PUT", "/2021-10-31/functions/{FunctionName}/url", "UpdateFunctionUrlConfig"),
    ];
}

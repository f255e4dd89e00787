using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>GET /2016-08-19/account-settings</c> with the live limits and usage of the scope.</summary>
internal static class GetAccountSettingsOperation
{
    /// <summary>AWS's default code storage quota (75 GB).</summary>
    private const long TotalCodeStorage = 80_530_636_800;

    public static async Task HandleAsync(LambdaCall call)
    {
        var settings = call.Service.GetAccountSettings(call.Scope);
        var response = new AccountSettingsDto
        {
            AccountLimit = new AccountLimitDto
            {
                TotalCodeSize = TotalCodeStorage,
                CodeSizeUnzipped = CodeStore.MaxUnzippedBytes,
                CodeSizeZipped = CodeStore.MaxZippedBytes,
                ConcurrentExecutions = settings.ConcurrentExecutions,
                UnreservedConcurrentExecutions = settings.UnreservedConcurrentExecutions,
            },
            AccountUsage = new AccountUsageDto { TotalCodeSize = settings.TotalCodeSize, FunctionCount = settings.FunctionCount },
        };
        await call.WriteJsonAsync(200, response, LambdaJsonContext.Default.AccountSettingsDto);
    }
}

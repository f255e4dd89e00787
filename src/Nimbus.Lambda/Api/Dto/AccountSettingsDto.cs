namespace Nimbus.Lambda.Api.Dto;

internal sealed class AccountSettingsDto
{
    public AccountLimitDto? AccountLimit { get; set; }

    public AccountUsageDto? AccountUsage { get; set; }
}

namespace Nimbus.Lambda.Api.Dto;

internal sealed class AccountUsageDto
{
    public long TotalCodeSize { get; set; }

    public long FunctionCount { get; set; }
}

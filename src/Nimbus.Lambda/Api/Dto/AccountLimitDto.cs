namespace Nimbus.Lambda.Api.Dto;

internal sealed class AccountLimitDto
{
    public long TotalCodeSize { get; set; }

    public long CodeSizeUnzipped { get; set; }

    public long CodeSizeZipped { get; set; }

    public int ConcurrentExecutions { get; set; }

    public int UnreservedConcurrentExecutions { get; set; }
}

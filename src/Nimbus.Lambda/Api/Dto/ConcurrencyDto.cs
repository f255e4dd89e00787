namespace Nimbus.Lambda.Api.Dto;

/// <summary><c>PutFunctionConcurrency</c> request/response, <c>GetFunctionConcurrency</c> response, <c>Concurrency</c>.</summary>
internal sealed class ConcurrencyDto
{
    public int? ReservedConcurrentExecutions { get; set; }
}

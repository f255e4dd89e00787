namespace Nimbus.Lambda.Api.Dto;

/// <summary><c>PutFunctionRecursionConfig</c> request/response and <c>GetFunctionRecursionConfig</c> response.</summary>
internal sealed class RecursionConfigDto
{
    public string? RecursiveLoop { get; set; }
}

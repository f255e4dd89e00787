namespace Nimbus.Lambda.Api.Dto;

internal sealed class AddPermissionRequestDto
{
    public string? StatementId { get; set; }

    public string? Action { get; set; }

    public string? Principal { get; set; }

    public string? SourceArn { get; set; }

    public string? SourceAccount { get; set; }

    public string? EventSourceToken { get; set; }

    public string? RevisionId { get; set; }

    public string? PrincipalOrgID { get; set; }

    public string? FunctionUrlAuthType { get; set; }
}

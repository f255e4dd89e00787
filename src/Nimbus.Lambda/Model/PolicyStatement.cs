namespace Nimbus.Lambda.Model;

/// <summary>One statement of a function's resource-based policy, as given to <c>AddPermission</c>.</summary>
internal sealed record PolicyStatement
{
    public required string Sid { get; init; }

    public required string Action { get; init; }

    public required string Principal { get; init; }

    /// <summary>The ARN the statement applies to (qualified when added with a qualifier).</summary>
    public required string Resource { get; init; }

    public string? SourceArn { get; init; }

    public string? SourceAccount { get; init; }

    public string? EventSourceToken { get; init; }

    public string? PrincipalOrgId { get; init; }

    public string? FunctionUrlAuthType { get; init; }
}

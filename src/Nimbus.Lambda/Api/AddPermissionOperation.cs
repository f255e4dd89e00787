using System.Text.RegularExpressions;
using Nimbus.Lambda.Api.Dto;
using Nimbus.Lambda.Model;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Api;

/// <summary><c>POST /2015-03-31/functions/{FunctionName}/policy</c> → 201 with the statement as a JSON string.</summary>
internal static partial class AddPermissionOperation
{
    public static async Task HandleAsync(LambdaCall call)
    {
        var (name, qualifier) = FunctionNameParser.Parse(call.Label("FunctionName"), call.Query("Qualifier"));
        var dto = await call.ReadJsonAsync(LambdaJsonContext.Default.AddPermissionRequestDto);
        var violations = new List<string>();
        if (dto.StatementId is null) violations.Add(LambdaErrors.Violation(null, "statementId", "not be null"));
        else if (dto.StatementId.Length > 100 || !StatementIdRegex().IsMatch(dto.StatementId))
            violations.Add(LambdaErrors.Violation(dto.StatementId, "statementId", "satisfy regular expression pattern: ([a-zA-Z0-9-_]+)"));
        if (dto.Action is null) violations.Add(LambdaErrors.Violation(null, "action", "not be null"));
        else if (!ActionRegex().IsMatch(dto.Action))
            violations.Add(LambdaErrors.Violation(dto.Action, "action", "satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])"));
        if (dto.Principal is null) violations.Add(LambdaErrors.Violation(null, "principal", "not be null"));
        else if (!PrincipalRegex().IsMatch(dto.Principal))
            violations.Add(LambdaErrors.Violation(dto.Principal, "principal", @"satisfy regular expression pattern: [^\s]+"));
        if (dto.SourceAccount is { } account && !AccountRegex().IsMatch(account))
            violations.Add(LambdaErrors.Violation(account, "sourceAccount", @"satisfy regular expression pattern: \d{12}"));
        if (violations.Count > 0)
        {
            throw LambdaErrors.Validation(violations);
        }
        var statement = new PolicyStatement
        {
            Sid = dto.StatementId!,
            Action = dto.Action!,
            Principal = dto.Principal!,
            Resource = LambdaService.FunctionArn(call.Scope, name, qualifier),
            SourceArn = dto.SourceArn,
            SourceAccount = dto.SourceAccount,
            EventSourceToken = dto.EventSourceToken,
            PrincipalOrgId = dto.PrincipalOrgID,
            FunctionUrlAuthType = dto.FunctionUrlAuthType,
        };
        call.Service.AddPermission(call.Scope, name, qualifier, statement, dto.RevisionId);
        await call.WriteJsonAsync(201, new AddPermissionResponseDto { Statement = PolicyDocumentWriter.Statement(statement) },
            LambdaJsonContext.Default.AddPermissionResponseDto);
    }

    [GeneratedRegex("^[a-zA-Z0-9-_]+$")]
    private static partial Regex StatementIdRegex();

    [GeneratedRegex(@"^(lambda:[*]|lambda:[a-zA-Z]+|[*])$")]
    private static partial Regex ActionRegex();

    [GeneratedRegex(@"^[^\s]+$")]
    private static partial Regex PrincipalRegex();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountRegex();
}

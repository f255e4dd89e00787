using System.Text.RegularExpressions;

namespace Nimbus.Lambda.Service;

/// <summary>
/// Reads a <c>FunctionName</c> as Lambda accepts it everywhere: a name (<c>my-function</c>), a full ARN
/// (<c>arn:aws:lambda:us-east-1:123456789012:function:my-function</c>) or a partial ARN
/// (<c>123456789012:function:my-function</c>), each optionally followed by <c>:qualifier</c>.
/// </summary>
internal static partial class FunctionNameParser
{
    // The model's FunctionName pattern; names alone are limited to 64 characters, the whole value to 140.
    public const string Pattern = @"(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?";

    public static (string Name, string? Qualifier) Parse(string value, string? explicitQualifier, bool allowQualifier = true)
    {
        var match = value.Length is >= 1 and <= 256 ? FunctionNameRegex().Match(value) : Match.Empty;
        if (!match.Success)
        {
            var violations = new List<string>();
            if (value.Length > 140)
            {
                violations.Add(LambdaErrors.Violation(value, "functionName", "have length less than or equal to 140"));
            }
            violations.Add(LambdaErrors.Violation(value, "functionName", "satisfy regular expression pattern: " + Pattern));
            throw LambdaErrors.Validation(violations);
        }
        var name = match.Groups["name"].Value;
        if (name.Length > 64)
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(value, "functionName", "have length less than or equal to 64")]);
        }
        var qualifier = match.Groups["qualifier"].Success ? match.Groups["qualifier"].Value : null;
        if (qualifier is not null && !allowQualifier)
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(value, "functionName", "satisfy regular expression pattern: " + Pattern)]);
        }
        if (!string.IsNullOrEmpty(explicitQualifier))
        {
            ValidateQualifier(explicitQualifier);
            if (qualifier is not null && qualifier != explicitQualifier)
            {
                throw LambdaErrors.InvalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
            }
            qualifier = explicitQualifier;
        }
        return (name, qualifier);
    }

    public static void ValidateQualifier(string qualifier)
    {
        if (qualifier.Length > 128 || !QualifierRegex().IsMatch(qualifier))
        {
            throw LambdaErrors.Validation([LambdaErrors.Violation(qualifier, "qualifier", "satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)")]);
        }
    }

    [GeneratedRegex(@"^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?(?<name>[a-zA-Z0-9-_]+)(:(?<qualifier>\$LATEST|[a-zA-Z0-9-_]+))?$")]
    private static partial Regex FunctionNameRegex();

    [GeneratedRegex(@"^[a-zA-Z0-9$_-]+$")]
    private static partial Regex QualifierRegex();
}

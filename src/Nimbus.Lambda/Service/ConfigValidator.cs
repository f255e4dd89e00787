using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nimbus.Execution;
using Nimbus.Lambda.Model;

namespace Nimbus.Lambda.Service;

/// <summary>
/// AWS's checks of a function configuration: first the model's constraints (one <c>ValidationException</c>
/// listing every violation), then Lambda's own rules (<c>InvalidParameterValueException</c>).
/// </summary>
internal static partial class ConfigValidator
{
    public const string RolePattern = @"arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+";

    // Set by Lambda itself; https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
    private static readonly HashSet<string> ReservedKeys = new(StringComparer.Ordinal)
    {
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE",
        "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    };

    public static void Validate(FunctionSettings settings, RuntimeCatalog runtimes, bool isCreate)
    {
        var violations = new List<string>();
        if (settings.MemorySizeMb is int memory)
        {
            if (memory < 128) violations.Add(LambdaErrors.Violation(memory.ToString(), "memorySize", "have value greater than or equal to 128"));
            if (memory > 10240) violations.Add(LambdaErrors.Violation(memory.ToString(), "memorySize", "have value less than or equal to 10240"));
        }
        if (settings.TimeoutSeconds is int timeout)
        {
            if (timeout < 1) violations.Add(LambdaErrors.Violation(timeout.ToString(), "timeout", "have value greater than or equal to 1"));
            if (timeout > 900) violations.Add(LambdaErrors.Violation(timeout.ToString(), "timeout", "have value less than or equal to 900"));
        }
        if (settings.EphemeralStorageMb is int storage && storage is < 512 or > 10240)
        {
            violations.Add(LambdaErrors.Violation(storage.ToString(), "ephemeralStorage.size",
                storage < 512 ? "have value greater than or equal to 512" : "have value less than or equal to 10240"));
        }
        if (settings.Description is { Length: > 256 } description)
        {
            violations.Add(LambdaErrors.Violation(description, "description", "have length less than or equal to 256"));
        }
        if (settings.Handler is { } handler)
        {
            if (handler.Length > 128) violations.Add(LambdaErrors.Violation(handler, "handler", "have length less than or equal to 128"));
            if (!HandlerRegex().IsMatch(handler)) violations.Add(LambdaErrors.Violation(handler, "handler", @"satisfy regular expression pattern: [^\s]+"));
        }
        if (settings.Role is { } role && !RoleRegex().IsMatch(role))
        {
            violations.Add(LambdaErrors.Violation(role, "role", "satisfy regular expression pattern: " + RolePattern));
        }
        if (settings.Architectures is { } architectures)
        {
            if (architectures.Count != 1)
            {
                violations.Add(LambdaErrors.Violation("[" + string.Join(", ", architectures) + "]", "architectures",
                    architectures.Count == 0 ? "have length greater than or equal to 1" : "have length less than or equal to 1"));
            }
            foreach (var architecture in architectures)
            {
                if (architecture is not ("x86_64" or "arm64"))
                {
                    violations.Add(LambdaErrors.Violation("[" + string.Join(", ", architectures) + "]", "architectures", "satisfy enum value set: [x86_64, arm64]"));
                    break;
                }
            }
        }
        if (settings.TracingMode is { } mode && mode is not ("Active" or "PassThrough"))
        {
            violations.Add(LambdaErrors.Violation(mode, "tracingConfig.mode", "satisfy enum value set: [Active, PassThrough]"));
        }
        if (settings.LogFormat is { } format && format is not ("Text" or "JSON"))
        {
            violations.Add(LambdaErrors.Violation(format, "loggingConfig.logFormat", "satisfy enum value set: [JSON, Text]"));
        }
        if (settings.DeadLetterTargetArn is { Length: > 0 } deadLetter && !DeadLetterRegex().IsMatch(deadLetter))
        {
            violations.Add(LambdaErrors.Violation(deadLetter, "deadLetterConfig.targetArn", @"satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()"));
        }
        if (violations.Count > 0)
        {
            throw LambdaErrors.Validation(violations);
        }
        // A dead-letter queue is an SQS queue or an SNS topic.
        if (settings.DeadLetterTargetArn is { Length: > 0 } target && target.Split(':') is not [_, _, "sqs" or "sns", ..])
        {
            throw LambdaErrors.InvalidParameter($"The provided target arn {target} is invalid: a dead-letter queue must be an SQS queue or an SNS topic.");
        }

        if (isCreate && settings.Runtime is null)
        {
            throw LambdaErrors.InvalidParameter("Runtime and Handler are mandatory parameters for functions created with Zip Package Type.");
        }
        if (isCreate && settings.Handler is null)
        {
            throw LambdaErrors.InvalidParameter("Runtime and Handler are mandatory parameters for functions created with Zip Package Type.");
        }
        if (settings.Runtime is { } runtime)
        {
            ValidateRuntime(runtime, runtimes);
        }
        if (settings.Layers is { Count: > 0 })
        {
            throw LambdaErrors.InvalidParameter("Layers are not supported by Nimbus yet.");
        }
        if (settings.Environment is { } environment)
        {
            ValidateEnvironment(environment);
        }
    }

    public static void ValidateRuntime(string runtime, RuntimeCatalog runtimes)
    {
        if (!runtimes.TryGet(runtime, out var info))
        {
            var known = string.Join(", ", runtimes.All.Select(r => r.Identifier));
            throw LambdaErrors.InvalidParameter($"Value {runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [{known}] or be a valid ARN");
        }
        if (info.IsBlocked)
        {
            throw LambdaErrors.InvalidParameter($"The runtime parameter of {runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.");
        }
        if (!info.IsAvailable)
        {
            throw LambdaErrors.InvalidParameter($"The runtime {runtime} is not available on this Nimbus host. Available runtimes: [{string.Join(", ", runtimes.AvailableIdentifiers)}].");
        }
    }

    private static void ValidateEnvironment(Dictionary<string, string> environment)
    {
        var violations = new List<string>();
        foreach (var key in environment.Keys)
        {
            if (!EnvironmentKeyRegex().IsMatch(key))
            {
                violations.Add(LambdaErrors.Violation(key, "environment.variables", "satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+"));
            }
        }
        if (violations.Count > 0)
        {
            throw LambdaErrors.Validation(violations);
        }
        var reserved = environment.Keys.Where(ReservedKeys.Contains).ToList();
        if (reserved.Count > 0)
        {
            throw LambdaErrors.InvalidParameter("Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: " + string.Join(", ", reserved));
        }
        // AWS measures the variables as their JSON map; the whole must fit in 4 KB.
        var measured = JsonSerializer.Serialize(environment, Api.Dto.LambdaJsonContext.Default.DictionaryStringString);
        if (Encoding.UTF8.GetByteCount(measured) > 4096)
        {
            throw LambdaErrors.InvalidParameter("Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: " + measured);
        }
    }

    [GeneratedRegex(@"^[^\s]+$")]
    private static partial Regex HandlerRegex();

    [GeneratedRegex("^" + RolePattern + "$")]
    private static partial Regex RoleRegex();

    [GeneratedRegex(@"^arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*$")]
    private static partial Regex DeadLetterRegex();

    [GeneratedRegex(@"^[a-zA-Z]([a-zA-Z0-9_])+$")]
    private static partial Regex EnvironmentKeyRegex();
}

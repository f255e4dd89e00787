using System.Text;
using System.Text.Json;
using Nimbus.Lambda.Model;

namespace Nimbus.Lambda.Api;

/// <summary>
/// Writes resource policies as Lambda returns them from GetPolicy/AddPermission: IAM JSON with
/// <c>Principal</c> as <c>{"Service": …}</c>, <c>{"AWS": arn}</c> or <c>"*"</c>, and conditions for
/// <c>AWS:SourceAccount</c> / <c>AWS:SourceArn</c>.
/// </summary>
internal static class PolicyDocumentWriter
{
    public static string Document(IEnumerable<PolicyStatement> statements)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Version", "2012-10-17");
            json.WriteString("Id", "default");
            json.WriteStartArray("Statement");
            foreach (var statement in statements)
            {
                Write(json, statement);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Statement(PolicyStatement statement)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, statement);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter json, PolicyStatement statement)
    {
        json.WriteStartObject();
        json.WriteString("Sid", statement.Sid);
        json.WriteString("Effect", "Allow");
        if (statement.Principal == "*")
        {
            json.WriteString("Principal", "*");
        }
        else
        {
            json.WriteStartObject("Principal");
            if (statement.Principal.EndsWith(".amazonaws.com", StringComparison.Ordinal) || statement.Principal.EndsWith(".amazon.com", StringComparison.Ordinal))
            {
                json.WriteString("Service", statement.Principal);
            }
            else if (statement.Principal.Length == 12 && statement.Principal.All(char.IsAsciiDigit))
            {
                json.WriteString("AWS", $"arn:aws:iam::{statement.Principal}:root");
            }
            else
            {
                json.WriteString("AWS", statement.Principal);
            }
            json.WriteEndObject();
        }
        json.WriteString("Action", statement.Action);
        json.WriteString("Resource", statement.Resource);
        var equals = new List<(string, string)>();
        if (statement.SourceAccount is not null) equals.Add(("AWS:SourceAccount", statement.SourceAccount));
        if (statement.PrincipalOrgId is not null) equals.Add(("aws:PrincipalOrgID", statement.PrincipalOrgId));
        if (statement.EventSourceToken is not null) equals.Add(("lambda:EventSourceToken", statement.EventSourceToken));
        if (statement.FunctionUrlAuthType is not null) equals.Add(("lambda:FunctionUrlAuthType", statement.FunctionUrlAuthType));
        if (equals.Count > 0 || statement.SourceArn is not null)
        {
            json.WriteStartObject("Condition");
            if (equals.Count > 0)
            {
                json.WriteStartObject("StringEquals");
                foreach (var (key, value) in equals)
                {
                    json.WriteString(key, value);
                }
                json.WriteEndObject();
            }
            if (statement.SourceArn is not null)
            {
                json.WriteStartObject("ArnLike");
                json.WriteString("AWS:SourceArn", statement.SourceArn);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}

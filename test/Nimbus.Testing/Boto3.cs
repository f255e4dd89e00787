using System.Text.Json;

namespace Nimbus.Testing;

/// <summary>
/// boto3, unmodified: runs a Python script in which <c>client(name)</c> returns a boto3 client for Nimbus. The
/// script prints one JSON document, which the test reads.
/// </summary>
public sealed class Boto3(string endpointUrl)
{
    private const string Prelude = """
        import base64, datetime, hashlib, io, json, os, sys, time, zipfile
        import boto3, botocore
        from botocore.config import Config
        def client(name, **kw):
            return boto3.client(name, endpoint_url=os.environ["NIMBUS_ENDPOINT"], config=Config(retries={"max_attempts": 1}), **kw)
        def zip_of(files):
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w") as z:
                for name, text in files.items():
                    info = zipfile.ZipInfo(name)
                    info.external_attr = (0o755 << 16) if name == "bootstrap" else (0o644 << 16)
                    z.writestr(info, text)
            return buf.getvalue()
        def error_code(e):
            return e.response["Error"]["Code"]
        def error_of(call):
            try:
                call()
            except botocore.exceptions.ClientError as e:
                return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
            return None

        """;

    /// <summary>Runs the script; <paramref name="timeout"/> (default 2 minutes) bounds long transfers.</summary>
    public async Task<JsonElement> RunAsync(string script, TimeSpan? timeout = null)
    {
        var environment = ProcessRunner.AwsEnvironment();
        environment["NIMBUS_ENDPOINT"] = endpointUrl;
        var result = await ProcessRunner.RunAsync("python3", ["-"], environment, Prelude + Dedent(script), timeout);
        Assert.True(result.ExitCode == 0, $"boto3 script failed: {result.Describe()}");
        return JsonDocument.Parse(result.StandardOutput).RootElement.Clone();
    }

    private static string Dedent(string script)
    {
        var lines = script.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }
}

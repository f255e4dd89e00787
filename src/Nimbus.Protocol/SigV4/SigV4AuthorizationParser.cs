using System.Globalization;

namespace Nimbus.Protocol.SigV4;

/// <summary>
/// Parses the SigV4 <c>Authorization</c> header:
/// <c>AWS4-HMAC-SHA256 Credential=AKID/20261127/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=hex</c>.
/// Any access key is accepted (as emulators do); a header that is not a well-formed signature is rejected with
/// the message AWS gives (<c>IncompleteSignatureException</c>).
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-signing-elements.html
/// </summary>
public static class SigV4AuthorizationParser
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public static SigV4ParseResult Parse(string authorization, bool hasDateHeader)
    {
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return SigV4ParseResult.Fail("Unsupported Authorization Type");
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var rawPart in authorization.AsSpan(Algorithm.Length + 1).ToString().Split(','))
        {
            var part = rawPart.Trim();
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }
            var key = part[..eq];
            var value = part[(eq + 1)..];
            switch (key)
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
            }
        }

        var missing = new List<string>();
        if (credential is null) missing.Add("Authorization header requires 'Credential' parameter.");
        if (signature is null) missing.Add("Authorization header requires 'Signature' parameter.");
        if (signedHeaders is null) missing.Add("Authorization header requires 'SignedHeaders' parameter.");
        if (!hasDateHeader) missing.Add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        if (missing.Count > 0)
        {
            return SigV4ParseResult.Fail(string.Join(" ", missing) + " Authorization=" + authorization);
        }

        var scope = credential!.Split('/');
        if (scope.Length != 5 || scope[0].Length == 0)
        {
            return SigV4ParseResult.Fail(
                $"Credential should be scoped to a valid region. Credential={credential}, Authorization={authorization}");
        }
        if (!DateTime.TryParseExact(scope[1], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return SigV4ParseResult.Fail($"Date must be in ISO-8601 'basic format'. Got '{scope[1]}'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        if (scope[2].Length == 0)
        {
            return SigV4ParseResult.Fail("Credential should be scoped to a valid region. ");
        }
        if (scope[3].Length == 0)
        {
            return SigV4ParseResult.Fail("Credential should be scoped to correct service. ");
        }
        if (scope[4] != "aws4_request")
        {
            return SigV4ParseResult.Fail($"Credential should be scoped with a valid terminator: 'aws4_request', not '{scope[4]}'. ");
        }
        if (signature!.Length != 64 || !IsLowerHex(signature))
        {
            return SigV4ParseResult.Fail("The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.", signatureMismatch: true);
        }

        var headers = signedHeaders!.Split(';', StringSplitOptions.RemoveEmptyEntries);
        return SigV4ParseResult.Ok(new SigV4Credential(scope[0], scope[1], scope[2], scope[3], headers, signature));
    }

    private static bool IsLowerHex(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}

public readonly record struct SigV4ParseResult(SigV4Credential? Credential, string? Error, bool SignatureMismatch)
{
    public static SigV4ParseResult Ok(SigV4Credential credential) => new(credential, null, false);

    public static SigV4ParseResult Fail(string error, bool signatureMismatch = false) => new(null, error, signatureMismatch);
}

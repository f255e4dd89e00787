using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Nimbus.Bench;

/// <summary>
/// The S3 requests of the benchmark as plain path-style HTTP, signed like the SDKs' (<see cref="SigV4Signer"/>), so the
/// client's own cost stays small and identical for both servers.
/// </summary>
internal sealed partial class S3BenchClient(string url) : IDisposable
{
    private readonly HttpClient _http = new(new SigV4Signer(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })) { Timeout = TimeSpan.FromMinutes(5) };

    public async Task CreateBucketAsync(string bucket) => Check(await _http.PutAsync($"{url}/{bucket}", null));

    public async Task PutAsync(string bucket, string key, ReadOnlyMemory<byte> body)
    {
        using var content = new ReadOnlyMemoryContent(body);
        Check(await _http.PutAsync($"{url}/{bucket}/{key}", content));
    }

    public async Task<long> GetAsync(string bucket, string key)
    {
        using var response = await _http.GetAsync($"{url}/{bucket}/{key}", HttpCompletionOption.ResponseHeadersRead);
        Check(response, dispose: false);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            total += read;
        }
        return total;
    }

    /// <summary>A multipart upload of <paramref name="parts"/> copies of <paramref name="part"/>, <paramref name="concurrency"/> parts at a time.</summary>
    public async Task MultipartAsync(string bucket, string key, ReadOnlyMemory<byte> part, int parts, int concurrency)
    {
        using var create = await _http.PostAsync($"{url}/{bucket}/{key}?uploads", null);
        Check(create, dispose: false);
        var uploadId = UploadIdPattern().Match(await create.Content.ReadAsStringAsync()).Groups[1].Value;
        var etags = new string[parts];
        await Parallel.ForAsync(0, parts, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            using var content = new ReadOnlyMemoryContent(part);
            using var response = await _http.PutAsync($"{url}/{bucket}/{key}?partNumber={i + 1}&uploadId={Uri.EscapeDataString(uploadId)}", content);
            Check(response, dispose: false);
            etags[i] = response.Headers.ETag!.Tag;
        });
        var xml = new StringBuilder("<CompleteMultipartUpload>");
        for (var i = 0; i < parts; i++)
        {
            xml.Append($"<Part><PartNumber>{i + 1}</PartNumber><ETag>{etags[i]}</ETag></Part>");
        }
        xml.Append("</CompleteMultipartUpload>");
        using var body = new StringContent(xml.ToString(), Encoding.UTF8, "application/xml");
        using var complete = await _http.PostAsync($"{url}/{bucket}/{key}?uploadId={Uri.EscapeDataString(uploadId)}", body);
        Check(complete, dispose: false);
        var answer = await complete.Content.ReadAsStringAsync();
        // moto names the root CompleteMultipartUploadResponse; both carry the object's ETag.
        if (!answer.Contains("<ETag>", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("CompleteMultipartUpload failed: " + answer);
        }
    }

    public void Dispose() => _http.Dispose();

    private static void Check(HttpResponseMessage response, bool dispose = true)
    {
        var status = response.StatusCode;
        if (dispose)
        {
            response.Dispose();
        }
        if (status is not (HttpStatusCode.OK or HttpStatusCode.NoContent))
        {
            throw new InvalidOperationException($"S3 request failed with {(int)status} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}");
        }
    }

    [GeneratedRegex("<UploadId>([^<]+)</UploadId>")]
    private static partial Regex UploadIdPattern();
}

using System.Net.Sockets;
using System.Text;
using Nimbus.S3.Tests.Infrastructure;

namespace Nimbus.S3.Tests;

/// <summary>
/// The storage promises of the issue, against the real server process: a crash mid-upload publishes nothing, an
/// acknowledged change's event survives <c>kill -9</c>, and multi-gigabyte objects stream through intact.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "nimbus-s3-durable-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A runtime process may still be exiting; a temp folder is not worth failing a test for.
        }
    }

    [Fact]
    public async Task CrashMidUpload_LeavesNoPartialObject_AndNoTempFile()
    {
        using (var server = await ServerProcess.StartAsync(_dataDirectory))
        {
            await server.Boto3.RunAsync("""
                s3 = client("s3")
                s3.create_bucket(Bucket="midway")
                s3.put_object(Bucket="midway", Key="victim", Body=b"old version")
                print("{}")
                """);
            // An unsigned PUT (accepted, as by other emulators) that announces 16 MiB and sends half.
            using var socket = new TcpClient();
            await socket.ConnectAsync("127.0.0.1", new Uri(server.Endpoint).Port);
            var stream = socket.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"PUT /midway/victim HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {16 << 20}\r\n\r\n"));
            await stream.WriteAsync(new byte[8 << 20]);
            await stream.FlushAsync();
            // Kill only once the server is streaming the body to its temp file: the crash lands mid-upload.
            var temp = Path.Combine(_dataDirectory, "s3", "tmp");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!Directory.EnumerateFiles(temp).Any(f => new FileInfo(f).Length > 0))
            {
                Assert.True(DateTime.UtcNow < deadline, "upload: the server wrote no temp file within 30 s");
                await Task.Delay(20);
            }
            await server.KillAsync();
        }
        using (var server = await ServerProcess.StartAsync(_dataDirectory))
        {
            var result = await server.Boto3.RunAsync("""
                s3 = client("s3")
                objects = s3.list_objects_v2(Bucket="midway").get("Contents", [])
                print(json.dumps({"keys": [o["Key"] for o in objects], "body": s3.get_object(Bucket="midway", Key="victim")["Body"].read().decode()}))
                """);
            Assert.Equal(["victim"], result.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
            Assert.Equal("old version", result.GetProperty("body").GetString());
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(_dataDirectory, "s3", "tmp")));
            // The old version is small enough to live inline in the metadata database: the aborted body left no file behind.
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(_dataDirectory, "s3", "objects"), "*", SearchOption.AllDirectories));
        }
    }

    [Fact]
    public async Task AcknowledgedPut_ItsEventSurvivesKill9()
    {
        using (var server = await ServerProcess.StartAsync(_dataDirectory))
        {
            await server.Boto3.RunAsync(NotificationScripts.Prelude + """
                s3.create_bucket(Bucket="crash-source")
                arn = recorder("crash-fn", "crash-records", source_bucket="crash-source")
                s3.put_bucket_notification_configuration(Bucket="crash-source", NotificationConfiguration={"LambdaFunctionConfigurations": [
                    lambda_config(arn, ["s3:ObjectCreated:*"])]})
                s3.put_object(Bucket="crash-source", Key="acknowledged", Body=b"event me")
                print("{}")
                """);
            await server.KillAsync();
        }
        using (var server = await ServerProcess.StartAsync(_dataDirectory))
        {
            var result = await server.Boto3.RunAsync(NotificationScripts.Prelude + """
                deadline = time.time() + 90
                while True:
                    events = [e for e in records("crash-records", 1) if "Records" in e]
                    if events or time.time() > deadline:
                        break
                    time.sleep(0.2)
                print(json.dumps({"keys": [e["Records"][0]["s3"]["object"]["key"] for e in events]}))
                """);
            // At least once: the test event may have been in flight too, but the object's event must arrive.
            Assert.Contains("acknowledged", result.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        }
    }

    /// <summary>
    /// 2 GiB + 1 MiB (past every 32-bit boundary) streamed through boto3's multipart upload from a generator, never
    /// held in memory on either side; size, MD5 of the content read back, and the multipart ETag are checked.
    /// </summary>
    [Fact]
    public async Task MultiGigabyteObject_RoundTripsWithItsMd5AndEtag()
    {
        using var server = await ServerProcess.StartAsync(_dataDirectory);
        var result = await server.Boto3.RunAsync("""
            from boto3.s3.transfer import TransferConfig
            s3 = client("s3")
            s3.create_bucket(Bucket="big")
            SIZE = (2 << 30) + (1 << 20)
            PART = 64 << 20
            block = os.urandom(1 << 20)

            class Generated(io.RawIOBase):
                # Deterministic content: each MiB is the random block with its index stamped in, so no two parts are alike.
                def __init__(self):
                    self.pos = 0
                def readable(self):
                    return True
                def readinto(self, b):
                    n = min(len(b), SIZE - self.pos)
                    if n <= 0:
                        return 0
                    out, done = memoryview(b), 0
                    while done < n:
                        index, offset = divmod(self.pos + done, 1 << 20)
                        chunk = (index.to_bytes(8, "big") + block[8:])[offset:offset + n - done]
                        out[done:done + len(chunk)] = chunk
                        done += len(chunk)
                    self.pos += n
                    return n

            class Hashing(io.RawIOBase):
                def __init__(self, inner):
                    self.inner, self.md5, self.parts, self.part = inner, hashlib.md5(), [], hashlib.md5()
                    self.in_part = 0
                def readable(self):
                    return True
                def readinto(self, b):
                    n = self.inner.readinto(b)
                    data = memoryview(b)[:n]
                    self.md5.update(data)
                    pos = 0
                    while pos < n:
                        take = min(n - pos, PART - self.in_part)
                        self.part.update(data[pos:pos + take])
                        self.in_part += take
                        pos += take
                        if self.in_part == PART:
                            self.parts.append(self.part.digest()); self.part, self.in_part = hashlib.md5(), 0
                    return n

            source = Hashing(Generated())
            s3.upload_fileobj(io.BufferedReader(source, 8 << 20), "big", "object.bin",
                              Config=TransferConfig(multipart_threshold=PART, multipart_chunksize=PART, max_concurrency=2))
            if source.in_part:
                source.parts.append(source.part.digest())
            expected_etag = hashlib.md5(b"".join(source.parts)).hexdigest() + "-" + str(len(source.parts))
            head = s3.head_object(Bucket="big", Key="object.bin")
            body = s3.get_object(Bucket="big", Key="object.bin")["Body"]
            read_md5, read = hashlib.md5(), 0
            for chunk in iter(lambda: body.read(8 << 20), b""):
                read_md5.update(chunk); read += len(chunk)
            print(json.dumps({"size": SIZE, "headSize": head["ContentLength"], "readSize": read, "etag": head["ETag"].strip('"'),
                              "expectedEtag": expected_etag, "md5": source.md5.hexdigest(), "readMd5": read_md5.hexdigest()}))
            """, timeout: TimeSpan.FromMinutes(20));
        Assert.Equal(result.GetProperty("size").GetInt64(), result.GetProperty("headSize").GetInt64());
        Assert.Equal(result.GetProperty("size").GetInt64(), result.GetProperty("readSize").GetInt64());
        Assert.Equal(result.GetProperty("expectedEtag").GetString(), result.GetProperty("etag").GetString());
        Assert.Equal(result.GetProperty("md5").GetString(), result.GetProperty("readMd5").GetString());
    }
}

using System.Text;
using Nimbus.Execution.Processes;
using Nimbus.Execution.Tests.Infrastructure;

namespace Nimbus.Execution.Tests;

public sealed class PosixProcessLauncherTests
{
    private static IProcessHandle Start(string script) => new PosixProcessLauncher().Start(new ProcessLaunchRequest(
        "/bin/sh", ["sh", "-c", script], new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["GREETING"] = "hi" }, "/tmp"));

    private static string ReadAll(IProcessHandle process)
    {
        var output = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            var exited = process.WaitForOutputOrExit();
            int n;
            while ((n = process.ReadAvailable(buffer)) > 0)
            {
                output.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }
            if (exited)
            {
                return output.ToString();
            }
        }
    }

    [Fact]
    public async Task Start_MergesStdoutAndStderrAndPassesEnvironmentAndWorkingDirectory()
    {
        using var process = Start("echo out $GREETING; echo err >&2; pwd; read line; echo \"stdin:$line\"; exit 4");

        var output = await Task.Run(() => ReadAll(process)).Within(10, "reading the child's output");

        Assert.Equal("out hi\nerr\n/tmp\nstdin:\n", output);
        Assert.Equal(new ProcessExit(4, 0), await process.Exited.Within(10, "waiting for the exit"));
    }

    [Fact]
    public async Task Kill_KillsTheWholeProcessGroup()
    {
        // The grandchild keeps the pipe open: only a group kill lets the pipe reach end of file.
        using var process = Start("sleep 600 & echo started; wait");
        var reader = Task.Run(() => ReadAll(process));

        process.Kill();

        Assert.Equal(9, (await process.Exited.Within(10, "waiting for the killed child")).Signal);
        await reader.Within(10, "draining after the group kill");
        var buffer = new byte[16];
        var eof = await Task.Run(() =>
        {
            while (true)
            {
                process.WaitForOutputOrExit();
                var n = process.ReadAvailable(buffer);
                if (n < 0)
                {
                    return true;
                }
            }
        }).Within(10, "waiting for the pipe to close (the grandchild must be dead)");
        Assert.True(eof);
    }

    [Fact]
    public async Task Start_ChildGetsDefaultSigpipe()
    {
        // .NET ignores SIGPIPE; a child inheriting that would see EPIPE instead of dying as shell pipelines expect.
        using var process = Start("trap - PIPE; (yes; echo \"yes exited with $?\" >&2) | head -c 1 >/dev/null");

        var output = await Task.Run(() => ReadAll(process)).Within(10, "running the pipeline");

        Assert.Equal("yes exited with 141\n", output);
    }

    [Fact]
    public void ParseVmHwm_ReadsKilobytes()
    {
        var status = "Name:\tnode\nVmPeak:\t  999 kB\nVmHWM:\t   40960 kB\nVmRSS:\t 1 kB\n"u8;

        Assert.Equal(40960L * 1024, PosixProcess.ParseVmHwm(status));
    }
}

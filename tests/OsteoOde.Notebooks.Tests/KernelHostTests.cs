using System.Diagnostics;
using System.Text.Json;

namespace OsteoOde.Notebooks.Tests;

public class KernelHostTests
{
    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = NotebookFiles.NotebookFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.GetRelativePath(NotebookFiles.NotebookFolder, NotebookFiles.KernelHostDll));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start)!;
    }

    [Fact]
    public async Task Host_announces_its_kernels_under_the_given_host_name_and_exits_when_its_input_closes()
    {
        using var host = Start("--kernel-host", "pid-test");
        try
        {
            var line = await host.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
            using var ready = JsonDocument.Parse(line!);
            Assert.Equal("KernelReady", ready.RootElement.GetProperty("eventType").GetString());
            var infos = ready.RootElement.GetProperty("event").GetProperty("kernelInfos").EnumerateArray().ToArray();
            Assert.Contains(infos, k => k.GetProperty("uri").GetString() == "kernel://pid-test");
            Assert.Contains(infos, k => k.GetProperty("localName").GetString() == "csharp");

            host.StandardInput.Close();
            await host.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Equal(0, host.ExitCode);
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Unknown_arguments_exit_with_code_2_and_a_usage_line()
    {
        using var host = Start("--bogus");
        var error = await host.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(1));
        await host.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(2, host.ExitCode);
        Assert.Contains("Unknown argument '--bogus'", error);
        Assert.Contains("#!connect stdio", error);
    }
}

using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Connection;
using OsteoOde.Interactive;

namespace OsteoOde.KernelHost;

/// <summary>
/// Kernel host process: speaks the .NET Interactive JSON protocol on stdin/stdout so that the stock engine (VS Code
/// Polyglot Notebooks) can connect it with <c>#!connect stdio</c>. Nothing else may write to stdout.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args"><c>--kernel-host NAME</c>, appended by the connecting engine; defaults to <c>osteo</c> when run by hand.</param>
    /// <returns>Exit code: 0 after a Quit command or when standard input closes, 2 on bad arguments.</returns>
    public static async Task<int> Main(string[] args)
    {
        var hostName = "osteo";
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--kernel-host" && i + 1 < args.Length)
            {
                hostName = args[++i];
            }
            else
            {
                await Console.Error.WriteLineAsync(
                    $"Unknown argument '{args[i]}'. Usage: dotnet OsteoOde.KernelHost.dll [--kernel-host NAME] (normally started by '#!connect stdio').");
                return 2;
            }
        }

        Console.InputEncoding = Encoding.UTF8;
        Console.OutputEncoding = Encoding.UTF8;

        using var kernel = OsteoKernel.Create();
        var sender = KernelCommandAndEventSender.FromTextWriter(Console.Out, Microsoft.DotNet.Interactive.KernelHost.CreateHostUri("stdio"));
        var input = new EndOfInputReader(Console.In);
        var receiver = KernelCommandAndEventReceiver.FromTextReader(input);
        using var host = kernel.UseHost(sender, receiver, Microsoft.DotNet.Interactive.KernelHost.CreateHostUri(hostName));
        kernel.UseQuitCommand(() =>
        {
            host.Dispose();
            Environment.Exit(0);
            return Task.CompletedTask;
        });
        await Task.WhenAny(host.ConnectAndWaitAsync(), input.Ended);
        return 0;
    }
}

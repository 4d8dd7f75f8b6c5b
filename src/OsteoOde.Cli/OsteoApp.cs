using System.Reflection;

namespace OsteoOde.Cli;

/// <summary>
/// The <c>osteo</c> application: dispatches to sub-commands, prints help and version, and maps errors to exit codes. Runs
/// in-process for tests.
/// <para>
/// Error policy: a <see cref="UsageException"/> or an <see cref="ArgumentException"/> from the libraries (bad names, values out
/// of bounds, malformed files) is one line <c>osteo CMD: message</c> on stderr and exit code 2. A numerical failure is reported
/// by the command itself with exit code 1. Any other exception is an internal error: one line naming the exception type and
/// message, exit code 1; the stack trace is printed only when the environment variable <c>OSTEO_DEBUG</c> is <c>1</c>.
/// Commands write their results only after the computation succeeded, so a failure never leaves partial output.
/// </para>
/// </summary>
public sealed class OsteoApp
{
    private readonly IReadOnlyList<CliCommand> _commands;

    /// <summary>Creates the application with the given commands.</summary>
    /// <param name="commands">Sub-commands.</param>
    public OsteoApp(IReadOnlyList<CliCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        _commands = commands;
    }

    /// <summary>The application with every built-in command and the default model registry.</summary>
    /// <returns>The application.</returns>
    public static OsteoApp CreateDefault() => new(CommandSet.All(CliModelRegistry.Default));

    /// <summary>The application with every built-in command over a given model registry.</summary>
    /// <param name="models">Models addressable by <c>--model</c>.</param>
    /// <returns>The application.</returns>
    public static OsteoApp Create(CliModelRegistry models) => new(CommandSet.All(models));

    /// <summary>Version string of the tool (assembly informational version).</summary>
    public static string Version =>
        typeof(OsteoApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>The commands, in help order.</summary>
    public IReadOnlyList<CliCommand> Commands => _commands;

    /// <summary>Runs one invocation.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="streams">Streams to write to.</param>
    /// <returns>Exit code.</returns>
    public int Run(IReadOnlyList<string> args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        if (args.Count == 0 || (args.Count == 1 && args[0] is "--help" or "-h" or "help"))
        {
            WriteOverview(streams.Out);
            return ExitCodes.Success;
        }

        if (args[0] is "--version" or "version")
        {
            streams.Out.WriteLine($"osteo {Version}");
            return ExitCodes.Success;
        }

        if (args[0] == "help")
        {
            args = [.. args.Skip(1), "--help"];
        }

        var (command, consumed) = Resolve(args);
        if (command is null)
        {
            return UnknownCommand(args, streams);
        }

        var rest = args.Skip(consumed).ToList();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            command.WriteHelp(streams.Out);
            return ExitCodes.Success;
        }

        try
        {
            var parsed = CommandLineParser.Parse(rest, command.OptionsFor(rest), command.MaxPositionals, command.Name);
            return command.Execute(parsed, streams);
        }
        catch (UsageException e)
        {
            streams.Error.WriteLine($"osteo {command.Name}: {CliText.OneLine(e.Message)}");
            return ExitCodes.UsageError;
        }
        catch (ArgumentException e)
        {
            streams.Error.WriteLine($"osteo {command.Name}: {CliText.Message(e)}");
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            streams.Error.WriteLine($"osteo {command.Name}: internal error ({e.GetType().Name}): {CliText.OneLine(e.Message).TrimEnd('.')}. Please report it; set OSTEO_DEBUG=1 for the stack trace.");
            if (Environment.GetEnvironmentVariable("OSTEO_DEBUG") == "1")
            {
                streams.Error.WriteLine(e.ToString());
            }

            return ExitCodes.NumericalFailure;
        }
    }

    private int UnknownCommand(IReadOnlyList<string> args, CliStreams streams)
    {
        var names = _commands.Select(c => c.Name).ToList();
        var group = names.Where(n => n.StartsWith(args[0] + " ", StringComparison.Ordinal)).ToList();
        if (group.Count > 0)
        {
            // "osteo bench" or "osteo bench --help": list the sub-commands of the group.
            if (args.Count == 1 || args[1] is "--help" or "-h")
            {
                var writer = args.Count == 1 ? streams.Error : streams.Out;
                writer.WriteLine($"osteo {args[0]}: choose a sub-command: {string.Join(", ", group)} (osteo <command> --help for details).");
                return args.Count == 1 ? ExitCodes.UsageError : ExitCodes.Success;
            }

            streams.Error.WriteLine($"osteo: {CliText.Unknown("command", args[0] + " " + args[1], "Commands", names)}");
            return ExitCodes.UsageError;
        }

        streams.Error.WriteLine($"osteo: {CliText.Unknown("command", args[0], "Commands", names)}");
        return ExitCodes.UsageError;
    }

    private (CliCommand? Command, int Consumed) Resolve(IReadOnlyList<string> args)
    {
        // Longest match first so "sbml export" wins over a hypothetical "sbml".
        if (args.Count >= 2)
        {
            var two = args[0] + " " + args[1];
            var match = _commands.FirstOrDefault(c => c.Name == two);
            if (match is not null)
            {
                return (match, 2);
            }
        }

        return (_commands.FirstOrDefault(c => c.Name == args[0]), 1);
    }

    private void WriteOverview(TextWriter writer)
    {
        writer.WriteLine($"osteo {Version} — bone remodelling, senescence and extracellular-vesicle models (OsteoOde)");
        writer.WriteLine();
        writer.WriteLine("Usage: osteo <command> [options]    (osteo <command> --help for details)");
        writer.WriteLine();
        writer.WriteLine("Commands:");
        var width = _commands.Count == 0 ? 0 : _commands.Max(c => c.Name.Length);
        foreach (var c in _commands)
        {
            writer.WriteLine($"  {c.Name.PadRight(width)}  {c.Summary}");
        }

        writer.WriteLine();
        writer.WriteLine("Numbers use the invariant format (1e-6, 0.25). Results go to stdout (or --out FILE), notes and errors to stderr.");
        writer.WriteLine("Exit codes: 0 success, 1 numerical failure (or internal error), 2 bad input (nothing is written).");
    }
}

using System.Reflection;

namespace OsteoOde.Cli;

/// <summary>
/// The <c>osteo</c> application: dispatches to sub-commands, prints help and version, and maps errors to exit codes
/// (usage errors: one line on stderr, exit 2; numerical failures: exit 1). Runs in-process for tests.
/// </summary>
public sealed class OsteoApp
{
    private readonly IReadOnlyList<CliCommand> _commands;

    /// <summary>Creates the application with the given commands.</summary>
    /// <param name="commands">Sub-commands.</param>
    public OsteoApp(IReadOnlyList<CliCommand> commands) => _commands = commands;

    /// <summary>The application with every built-in command.</summary>
    /// <returns>The application.</returns>
    public static OsteoApp CreateDefault() => new(CommandSet.All());

    /// <summary>Version string of the tool (assembly informational version).</summary>
    public static string Version =>
        typeof(OsteoApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>Runs one invocation.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="streams">Streams to write to.</param>
    /// <returns>Exit code.</returns>
    public int Run(IReadOnlyList<string> args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help" && args.Count == 1)
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
            var tried = string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(2));
            var near = CommandLineParser.Suggest(tried, _commands.Select(c => c.Name));
            streams.Error.WriteLine(
                $"osteo: unknown command '{tried}'{(near is null ? "" : $" (did you mean '{near}'?)")}. Commands: {string.Join(", ", _commands.Select(c => c.Name))}.");
            return ExitCodes.UsageError;
        }

        var rest = args.Skip(consumed).ToList();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            command.WriteHelp(streams.Out);
            return ExitCodes.Success;
        }

        try
        {
            var parsed = CommandLineParser.Parse(command.Name, rest, command.Options, command.MaxPositionals);
            return command.Execute(parsed, streams);
        }
        catch (UsageException e)
        {
            streams.Error.WriteLine($"osteo {command.Name}: {StripPrefix(e.Message, command.Name)}");
            return ExitCodes.UsageError;
        }
    }

    private static string StripPrefix(string message, string name) =>
        message.StartsWith(name + ": ", StringComparison.Ordinal) ? message[(name.Length + 2)..] : message;

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
        var width = _commands.Max(c => c.Name.Length);
        foreach (var c in _commands)
        {
            writer.WriteLine($"  {c.Name.PadRight(width)}  {c.Summary}");
        }

        writer.WriteLine();
        writer.WriteLine("Exit codes: 0 success, 1 numerical failure, 2 bad input.");
    }
}

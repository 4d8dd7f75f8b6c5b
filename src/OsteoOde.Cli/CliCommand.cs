namespace OsteoOde.Cli;

/// <summary>Standard and error streams of one command invocation (swappable for in-process tests).</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record CliStreams(TextWriter Out, TextWriter Error);

/// <summary>Process exit codes of the <c>osteo</c> command.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>
    /// The computation failed: a numerical failure (solver status other than success, steady state not found; the message is
    /// the solver's), or an unexpected internal error (one line naming the exception; <c>OSTEO_DEBUG=1</c> adds the stack trace).
    /// </summary>
    public const int NumericalFailure = 1;

    /// <summary>Bad input: unknown model, parameter or option, malformed number, bad time list, unwritable path.</summary>
    public const int UsageError = 2;
}

/// <summary>One sub-command of <c>osteo</c>.</summary>
public abstract class CliCommand
{
    /// <summary>Command name (may contain a space for nested commands, e.g. <c>sbml export</c>).</summary>
    public abstract string Name { get; }

    /// <summary>One-line summary for the command list.</summary>
    public abstract string Summary { get; }

    /// <summary>Usage line shown in help, after <c>osteo</c>.</summary>
    public abstract string Usage { get; }

    /// <summary>Declared options.</summary>
    public abstract IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>
    /// Options accepted for these raw arguments: <see cref="Options"/>, plus for model commands the options of the model named by
    /// <c>--model</c>. May throw <see cref="UsageException"/> (for example for an unknown model).
    /// </summary>
    /// <param name="args">Raw arguments after the command name.</param>
    /// <returns>The options.</returns>
    public virtual IReadOnlyList<OptionSpec> OptionsFor(IReadOnlyList<string> args) => Options;

    /// <summary>How many positional arguments the command accepts.</summary>
    public virtual int MaxPositionals => 0;

    /// <summary>Longer help text after the option list (examples, notes), or empty.</summary>
    public virtual string Details => string.Empty;

    /// <summary>Runs the command.</summary>
    /// <param name="args">Parsed arguments.</param>
    /// <param name="streams">Output streams.</param>
    /// <returns>Exit code.</returns>
    public abstract int Execute(ParsedArguments args, CliStreams streams);

    /// <summary>Writes the command's help text.</summary>
    /// <param name="writer">Destination.</param>
    public void WriteHelp(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine($"osteo {Name} — {Summary}");
        writer.WriteLine();
        writer.WriteLine($"Usage: osteo {Usage}");
        if (Options.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Options:");
            var width = Options.Max(o => OptionLabel(o).Length);
            foreach (var option in Options)
            {
                var label = OptionLabel(option);
                var notes = (option.Required ? " (required)" : "") + (option.Repeatable ? " (repeatable)" : "");
                writer.WriteLine($"  {label.PadRight(width)}  {option.Description}{notes}");
            }
        }

        if (Details.Length > 0)
        {
            writer.WriteLine();
            writer.WriteLine(Details.TrimEnd());
        }

        WriteMoreHelp(writer);
    }

    /// <summary>Writes help sections after <see cref="Details"/> (for example model options).</summary>
    /// <param name="writer">Destination.</param>
    protected virtual void WriteMoreHelp(TextWriter writer)
    {
    }

    private static string OptionLabel(OptionSpec o) => o.Label;
}

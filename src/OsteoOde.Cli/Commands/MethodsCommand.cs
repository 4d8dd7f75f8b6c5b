using System.Globalization;
using OsteoOde.Numerics;

namespace OsteoOde.Cli.Commands;

/// <summary><c>osteo methods</c>: the solver methods accepted by <c>--method</c>.</summary>
public sealed class MethodsCommand : CliCommand
{
    /// <summary>Columns of the table.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["name", "order", "stiff", "description"];

    /// <inheritdoc/>
    public override string Name => "methods";

    /// <inheritdoc/>
    public override string Summary => "list the solver methods (for --method)";

    /// <inheritdoc/>
    public override string Usage => "methods [--format md|csv]";

    /// <inheritdoc/>
    public override IReadOnlyList<OptionSpec> Options { get; } = [new("format", "md|csv", "output format (default md)")];

    /// <inheritdoc/>
    public override int Execute(ParsedArguments args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        var format = args.GetChoice("format", TextTable.Formats);
        var rows = OdeMethodCatalog.Default.Methods.Select(m => (IReadOnlyList<string>)
            [m.Name, m.Order.ToString(CultureInfo.InvariantCulture), m.IsStiff ? "true" : "false", m.Description]).ToList();
        TextTable.Write(streams.Out, format, Columns, rows);
        return ExitCodes.Success;
    }
}

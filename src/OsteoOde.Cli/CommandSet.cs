using OsteoOde.Cli.Commands;

namespace OsteoOde.Cli;

/// <summary>The built-in commands, in the order help lists them.</summary>
public static class CommandSet
{
    /// <summary>All commands over a model registry.</summary>
    /// <param name="models">Models addressable by <c>--model</c>.</param>
    /// <returns>The commands.</returns>
    public static IReadOnlyList<CliCommand> All(CliModelRegistry models) =>
    [
        new RunCommand(),
        new AttributeCommand(),
        new ModelsCommand(models),
        new ParamsCommand(models),
        new ScenariosCommand(models),
        new SimulateCommand(models),
        new SteadyStateCommand(models),
        new SensitivityCommand(models),
        new SbmlExportCommand(models),
        new FigureCommand(),
        new ReproduceCommand(),
        new MethodsCommand(),
        new BenchSolversCommand(),
        new BenchRhsCommand(),
        new BenchLifetimeCommand(),
    ];
}

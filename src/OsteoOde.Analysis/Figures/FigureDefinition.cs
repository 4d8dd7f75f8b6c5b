using System.Globalization;
using OsteoOde.Modeling;
using OsteoOde.Models;
using OsteoOde.Numerics;

namespace OsteoOde.Analysis.Figures;

/// <summary>
/// What a figure may be computed with besides its definition: parameter changes (by name, applied to every model the figure
/// runs) and solver settings. The defaults reproduce the figure as published in the catalog.
/// </summary>
public sealed record FigureSettings
{
    /// <summary>Parameter or input values by name, replacing the model defaults in every run of the figure (validated against bounds).</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Solver settings; <see langword="null"/> uses the figure's <see cref="FigureDefinition.DefaultSolver"/>.</summary>
    public OdeOptions? Solver { get; init; }

    /// <summary>The settings of the catalog figure: no parameter change, the figure's own solver settings.</summary>
    public static FigureSettings Default { get; } = new();
}

/// <summary>A model a figure ran: identity (with the variant, for models with options), content hash and the parameter changes applied.</summary>
/// <param name="Id">Model id.</param>
/// <param name="Variant">Variant label (for example <c>female</c>), empty for models without options.</param>
/// <param name="ContentHash">SHA-256 of the model's canonical text (<see cref="Model.ContentHash"/>).</param>
/// <param name="ParameterChanges">The figure settings' parameter changes, as differences from the model defaults.</param>
public sealed record FigureModelInfo(string Id, string Variant, string ContentHash, IReadOnlyList<ParameterChange> ParameterChanges);

/// <summary>
/// The computed data of one figure: its table and everything needed to say how it was made (models and hashes, parameter
/// changes, solver settings, random seeds). Rendering and files are the presentation layer's business.
/// </summary>
/// <param name="Name">Figure name (<see cref="FigureCatalog"/>).</param>
/// <param name="Title">Title.</param>
/// <param name="Table">The data.</param>
/// <param name="Models">The models run.</param>
/// <param name="Settings">The settings used, with the solver resolved (never <see langword="null"/>).</param>
/// <param name="Seeds">Random seeds by purpose; empty for deterministic figures.</param>
/// <param name="Sources">Publications and data the figure reproduces.</param>
public sealed record FigureData(string Name, string Title, DataTable Table, IReadOnlyList<FigureModelInfo> Models, FigureSettings Settings,
    IReadOnlyDictionary<string, long> Seeds, IReadOnlyList<Citation> Sources)
{
    /// <summary>The solver settings used.</summary>
    public OdeOptions Solver => Settings.Solver!;
}

/// <summary>
/// One figure as a data computation: a name, what it shows, the sources it reproduces and a function from settings to an
/// immutable <see cref="DataTable"/>. "Figures are data first": tests compare the table with published and independently
/// derived values; rendering comes last, in OsteoOde.Plotting.
/// </summary>
public abstract class FigureDefinition
{
    /// <summary>Solver settings of the published figures: tight enough that a re-run elsewhere agrees to about 1e-7.</summary>
    public static OdeOptions PublishedSolver { get; } = new() { Method = "auto", RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-14 };

    /// <summary>Figure name (lower case with hyphens; also the file stem).</summary>
    public abstract string Name { get; }

    /// <summary>Title.</summary>
    public abstract string Title { get; }

    /// <summary>What the figure shows and how it is computed (one paragraph).</summary>
    public abstract string Description { get; }

    /// <summary>Ids of the models the figure runs.</summary>
    public abstract IReadOnlyList<string> ModelIds { get; }

    /// <summary>Publications and data the figure reproduces.</summary>
    public abstract IReadOnlyList<Citation> Sources { get; }

    /// <summary>Solver settings when <see cref="FigureSettings.Solver"/> is <see langword="null"/>.</summary>
    public virtual OdeOptions DefaultSolver => PublishedSolver;

    /// <summary>Names of the text columns of the table (read back as text from CSV).</summary>
    public abstract IReadOnlyList<string> LabelColumns { get; }

    /// <summary>
    /// Checks settings without computing anything: every parameter change must name a parameter or input of every model the
    /// figure runs and lie within its bounds, and the solver settings must be valid.
    /// </summary>
    /// <param name="settings">Settings.</param>
    /// <exception cref="ArgumentException">The first problem found; the message names the figure and the item.</exception>
    public virtual void Validate(FigureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(settings.Parameters);
        foreach (var id in ModelIds)
        {
            var model = ModelCatalog.Get(id).Model;
            _ = Parameters(model, settings);
            try
            {
                (settings.Solver ?? DefaultSolver).Validate(model.States.Count, OdeMethodCatalog.Default);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Figure '{Name}': {e.Message}", nameof(settings), e);
            }
        }
    }

    /// <summary>Computes the figure's data.</summary>
    /// <param name="settings">Parameter changes and solver settings (<see langword="null"/>: <see cref="FigureSettings.Default"/>).</param>
    /// <returns>The data.</returns>
    /// <exception cref="ArgumentException">A parameter name is unknown to a model of the figure or a value is outside its bounds.</exception>
    /// <exception cref="SimulationFailedException">A run or steady-state solve failed (the solver's message).</exception>
    public FigureData Compute(FigureSettings? settings = null)
    {
        settings ??= FigureSettings.Default;
        ArgumentNullException.ThrowIfNull(settings.Parameters);
        var resolved = settings with { Solver = settings.Solver ?? DefaultSolver };
        var (table, models) = ComputeTable(resolved);
        return new FigureData(Name, Title, table, models, resolved, Seeds(resolved), Sources);
    }

    /// <summary>Computes the table and lists the models run.</summary>
    /// <param name="settings">Settings with the solver resolved.</param>
    /// <returns>Table and models.</returns>
    protected abstract (DataTable Table, IReadOnlyList<FigureModelInfo> Models) ComputeTable(FigureSettings settings);

    /// <summary>Random seeds used (none for deterministic figures).</summary>
    /// <param name="settings">Settings.</param>
    /// <returns>Seeds by purpose.</returns>
    protected virtual IReadOnlyDictionary<string, long> Seeds(FigureSettings settings) => new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>
    /// The parameter set of <paramref name="model"/> with the settings' changes applied (every name must belong to the model).
    /// </summary>
    /// <param name="model">Model.</param>
    /// <param name="settings">Settings.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">An unknown name or a value outside the bounds; the message names the figure.</exception>
    protected ParameterSet Parameters(Model model, FigureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            return ParameterSet.Defaults(model).With(settings.Parameters);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Figure '{Name}': {e.Message}", nameof(settings), e);
        }
    }

    /// <summary>The provenance record of one model.</summary>
    /// <param name="model">Model.</param>
    /// <param name="parameters">The set used (its difference from the defaults is recorded).</param>
    /// <param name="variant">Variant label.</param>
    /// <returns>The record.</returns>
    protected static FigureModelInfo Info(Model model, ParameterSet parameters, string variant = "")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(parameters);
        return new FigureModelInfo(model.Id, variant, model.ContentHash, parameters.Diff());
    }

    /// <summary>Runs a request and returns its result, or throws with the figure and run named.</summary>
    /// <param name="request">Request.</param>
    /// <param name="run">Run label for the message.</param>
    /// <returns>The successful result.</returns>
    /// <exception cref="SimulationFailedException">The run failed.</exception>
    protected SimulationResult Run(SimulationRequest request, string run)
    {
        var result = Simulation.Run(request);
        return result.IsSuccess ? result : throw new SimulationFailedException(result.Status, $"Figure '{Name}', run '{run}': {result.Message}");
    }

    /// <summary>Output grid 0, Δ, 2Δ, …, end (each k·Δ, the last exactly <paramref name="end"/>).</summary>
    /// <param name="end">End time.</param>
    /// <param name="step">Spacing.</param>
    /// <returns>The times.</returns>
    protected static double[] Grid(double end, double step)
    {
        var n = (int)Math.Round(end / step);
        if (Math.Abs((n * step) - end) > 1e-9 * end)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"End {end:R} is not a multiple of the step {step:R}."), nameof(step));
        }

        return [.. Enumerable.Range(0, n + 1).Select(k => k == n ? end : k * step)];
    }
}

namespace OsteoOde.Modeling.Sbml;

/// <summary>How exported states are written.</summary>
public enum SbmlStateEncoding
{
    /// <summary>
    /// States measured as a concentration (amount, cells or items per volume) become species with
    /// <c>hasOnlySubstanceUnits="false"</c> in a constant 1-litre compartment, states measured as an amount (mol, cells, items)
    /// become species with <c>hasOnlySubstanceUnits="true"</c>, and every other state (dimensionless, %, g/cm², ...) a
    /// non-constant parameter. Each has a rate rule.
    /// </summary>
    Auto,

    /// <summary>Every state becomes a non-constant parameter with a rate rule (no compartment, no species).</summary>
    Parameters,
}

/// <summary>Options of <see cref="SbmlExporter"/>.</summary>
public sealed record SbmlExportOptions
{
    /// <summary>How states are written (default <see cref="SbmlStateEncoding.Auto"/>).</summary>
    public SbmlStateEncoding States { get; init; } = SbmlStateEncoding.Auto;

    /// <summary>Whether the model's <c>&lt;notes&gt;</c> carries a human-readable parameter table (default true).</summary>
    public bool ParameterTableInNotes { get; init; } = true;
}

/// <summary>What happens to an event whose trigger is already true at the start time (t = 0).</summary>
public enum SbmlInitialTriggerPolicy
{
    /// <summary>
    /// Level 3: fire when the trigger's <c>initialValue</c> is false, not when it is true. Level 2 has no
    /// <c>initialValue</c>: an event fires only on a false→true transition during the simulation, so a trigger already true
    /// at t = 0 does not fire (the Level 2 reading that also equals the Level 3 conversion with <c>initialValue="true"</c>).
    /// </summary>
    FollowDocument,

    /// <summary>Every event whose trigger holds at t = 0 fires at t = 0 (the Level 3 <c>initialValue="false"</c> behaviour).</summary>
    Fire,

    /// <summary>No event fires at t = 0; events fire only on later false→true transitions.</summary>
    DoNotFire,
}

/// <summary>Whether an imported model is checked dimensionally.</summary>
public enum SbmlUnitPolicy
{
    /// <summary>
    /// Check units when every state, parameter and input has declared units; if the check fails, or some units are not
    /// declared, import without dimensional analysis (<see cref="Model.UnitsChecked"/> false) and say why in the warnings.
    /// </summary>
    Auto,

    /// <summary>Require declared, consistent units; otherwise throw.</summary>
    Require,

    /// <summary>Never check; units are recorded as declared where the document declares them.</summary>
    Ignore,
}

/// <summary>Options of <see cref="SbmlImporter"/>.</summary>
public sealed record SbmlImportOptions
{
    /// <summary>Events whose trigger holds at t = 0 (default: as the document's level and <c>initialValue</c> say).</summary>
    public SbmlInitialTriggerPolicy InitialTriggers { get; init; } = SbmlInitialTriggerPolicy.FollowDocument;

    /// <summary>Dimensional analysis of the imported model (default <see cref="SbmlUnitPolicy.Auto"/>).</summary>
    public SbmlUnitPolicy Units { get; init; } = SbmlUnitPolicy.Auto;

    /// <summary>Time unit when the document declares none (default: day). The SBML Level 2 default, second, is not assumed.</summary>
    public Unit? AssumedTimeUnit { get; init; }

    /// <summary>
    /// Bounds given to parameters that carry no OsteoOde provenance: positive values get [v/f, v·f] on a log scale, negative
    /// values [v·f, v/f] on a linear scale, zero gets [0, 0] and is not tunable. Must be at least 1 (default 10).
    /// </summary>
    public double DefaultBoundsFactor { get; init; } = 10;

    /// <summary>Model id when the document's model has none (Level 3 makes it optional); default <c>sbml_model</c>.</summary>
    public string? ModelId { get; init; }

    /// <summary>Name of the source (for example the file name), used in the citations of imported parameters.</summary>
    public string? SourceName { get; init; }
}

/// <summary>An imported model and what the importer had to decide.</summary>
/// <param name="Model">The model (built, validated and, unless <see cref="Model.UnitsChecked"/> is false, unit-checked).</param>
/// <param name="Level">SBML level of the document.</param>
/// <param name="Version">SBML version of the document.</param>
/// <param name="WrittenByOsteoOde">Whether the document carries OsteoOde annotations (provenance, terms, modules were read back).</param>
/// <param name="UnknownUnits">Names of states, parameters, inputs and assignments whose unit the document does not declare (recorded as dimensionless).</param>
/// <param name="Warnings">Every decision that changes how the model reads (renamed ids, ignored constructs, assumed units, unused species, ...).</param>
public sealed record SbmlImportResult(Model Model, int Level, int Version, bool WrittenByOsteoOde, IReadOnlyList<string> UnknownUnits,
    IReadOnlyList<string> Warnings);

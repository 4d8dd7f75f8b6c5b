using OsteoOde.Modeling;

namespace OsteoOde.Analysis.Figures;

/// <summary>The figures OsteoOde can compute by name (<c>osteo figure NAME</c>), in the order of the README's figure list.</summary>
public static class FigureCatalog
{
    private static readonly FigureDefinition[] Entries =
    [
        new LemaireProtocolsFigure(),
        new PivonkaProtocolsFigure(),
        new ScheinerProtocolsFigure(),
        new ScheinerRanklDoseFigure(),
        new KomarovaCycleFigure(),
        new KomarovaAutocrineFigure(),
        new LifetimeBmdFigure(),
        new SenescenceVesiclesFigure(),
        new MechanismAttributionFigure(),
        new InterventionsFigure(),
    ];

    /// <summary>Every figure.</summary>
    public static IReadOnlyList<FigureDefinition> All => Entries;

    /// <summary>The figure names in order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Entries.Select(e => e.Name)];

    /// <summary>Looks up a figure.</summary>
    /// <param name="name">Figure name.</param>
    /// <param name="figure">The figure when found.</param>
    /// <returns>Whether found.</returns>
    public static bool TryGet(string name, out FigureDefinition figure)
    {
        figure = Entries.FirstOrDefault(e => e.Name == name)!;
        return figure is not null;
    }

    /// <summary>A figure by name.</summary>
    /// <param name="name">Figure name.</param>
    /// <returns>The figure.</returns>
    /// <exception cref="ArgumentException">Unknown name; the message lists every figure, the nearest first.</exception>
    public static FigureDefinition Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryGet(name, out var figure))
        {
            return figure;
        }

        var near = NameSuggestions.Nearest(name, Names);
        var ordered = near.Concat(Names.Where(n => !near.Contains(n)));
        throw new ArgumentException($"Unknown figure '{name}'. Figures{(near.Count > 0 ? " (nearest first)" : "")}: {string.Join(", ", ordered)}.", nameof(name));
    }
}

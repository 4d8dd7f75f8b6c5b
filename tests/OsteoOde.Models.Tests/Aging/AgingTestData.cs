using System.Collections.Concurrent;
using System.Globalization;
using OsteoOde.Modeling;
using OsteoOde.Models.Aging;
using OsteoOde.Testing;

namespace OsteoOde.Models.Tests.Aging;

/// <summary>A CSV table of the prototype reference (tests/OsteoOde.Testing/Data/aging): header row, numbers (empty cell = NaN) or text.</summary>
internal sealed class ReferenceTable
{
    private readonly Dictionary<string, int> _index;

    private ReferenceTable(string name, string[] header, string[][] cells)
    {
        Name = name;
        Header = header;
        Cells = cells;
        _index = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
    }

    public string Name { get; }

    public IReadOnlyList<string> Header { get; }

    public string[][] Cells { get; }

    public int RowCount => Cells.Length;

    public static ReferenceTable Load(string file)
    {
        var path = Path.Combine(TestData.RepositoryRoot, "tests", "OsteoOde.Testing", "Data", "aging", file);
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        return new ReferenceTable(file, lines[0].Split(','), [.. lines.Skip(1).Select(SplitCsv)]);
    }

    public bool Has(string column) => _index.ContainsKey(column);

    public double[] Column(string column) => [.. Cells.Select(r => Number(r[_index[column]]))];

    public string Text(int row, string column) => Cells[row][_index[column]];

    public double Number(int row, string column) => Number(Cells[row][_index[column]]);

    /// <summary>The row whose <paramref name="keyColumn"/> equals <paramref name="key"/> (text comparison).</summary>
    public int Row(string keyColumn, string key)
    {
        for (var r = 0; r < Cells.Length; r++)
        {
            if (Cells[r][_index[keyColumn]] == key)
            {
                return r;
            }
        }

        throw new ArgumentException($"{Name}: no row with {keyColumn} = {key}");
    }

    private static double Number(string cell) => cell.Length == 0 ? double.NaN : double.Parse(cell, CultureInfo.InvariantCulture);

    // Quoted fields (descriptions with commas) are supported; the reference files never escape quotes inside quotes.
    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        fields.Add(current.ToString());
        return [.. fields];
    }
}

/// <summary>Lifetime-model runs shared by the tests (each configuration is simulated once per test run).</summary>
internal static class AgingRuns
{
    private static readonly ConcurrentDictionary<string, Lazy<SimulationResult>> Cache = new(StringComparer.Ordinal);

    /// <summary>Reference variants of the prototype, by file name part.</summary>
    public static IReadOnlyList<string> Variants { get; } =
        ["all_on", "sen_ves_off", "base", "no_mechanisms", "no_estrogen", "no_soluble_sasp", "no_rankl_ev", "no_mirna_ob", "no_matrix_fat"];

    public static string SexName(Sex sex) => sex == Sex.Female ? "female" : "male";

    /// <summary>The configuration of a prototype reference variant (SPEC §9: which modules and mechanisms are off).</summary>
    public static AgingConfiguration Configuration(Sex sex, string variant)
    {
        var c = AgingConfiguration.Default(sex);
        return variant switch
        {
            "all_on" => c,
            "sen_ves_off" => new AgingConfiguration(c.Options.Without(AgingModel.Senescence, AgingModel.Vesicles)),
            "base" => new AgingConfiguration(c.Options.Without(AgingModel.Closure, AgingModel.Senescence, AgingModel.Vesicles, AgingModel.MarrowFate,
                AgingModel.Sasp, AgingModel.Estrogen)),
            "no_mechanisms" => AgingMechanisms.For(sex).Aggregate(c, (a, m) => a.Without(m)),
            _ when variant.StartsWith("no_", StringComparison.Ordinal) => c.Without(AgingMechanisms.Get(variant[3..])),
            _ => throw new ArgumentException(variant, nameof(variant)),
        };
    }

    /// <summary>Yearly life course 25 → 90 of a configuration (default solver settings of the model).</summary>
    public static SimulationResult LifeCourse(AgingConfiguration configuration) => Run(configuration, null);

    /// <summary>A run of a configuration on the given output grid (<see langword="null"/>: yearly 25 → 90).</summary>
    public static SimulationResult Run(AgingConfiguration configuration, IReadOnlyList<double>? outputTimes)
    {
        var key = configuration + (outputTimes is null ? "" : "|" + string.Join(",", outputTimes.Select(t => t.ToString("R", CultureInfo.InvariantCulture))));
        return Cache.GetOrAdd(key, _ => new Lazy<SimulationResult>(() =>
            Simulation.Run(configuration.CreateRequest(outputTimes)).EnsureSuccess())).Value;
    }

    /// <summary>Half-year grid 25, 25.5, …, 90 (the prototype's grid for the calibration quantities).</summary>
    public static IReadOnlyList<double> HalfYears { get; } = AgingModel.AgeGrid(25, 90, 0.5);

    /// <summary>Value of a column at an age on the result's grid (exact grid point required).</summary>
    public static double At(SimulationResult r, string column, double age)
    {
        var t = AgingModel.TimeAt(age);
        for (var i = 0; i < r.RowCount; i++)
        {
            if (Math.Abs(r.Times[i] - t) <= 1e-9 * Math.Max(1, t))
            {
                return r[column][i];
            }
        }

        throw new ArgumentException($"age {age} is not on the output grid");
    }
}

/// <summary>Closeness assertions with a message.</summary>
internal static class Check
{
    /// <summary>Asserts |actual − expected| ≤ rel·max(|expected|, |actual|) + abs.</summary>
    public static void Close(double expected, double actual, double rel, double abs = 0, string? what = null)
    {
        var tol = (rel * Math.Max(Math.Abs(expected), Math.Abs(actual))) + abs;
        if (!(Math.Abs(actual - expected) <= tol))
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{what}: expected {expected:R}, got {actual:R} (|diff| = {Math.Abs(actual - expected):R} > tol {tol:R})"));
        }
    }
}

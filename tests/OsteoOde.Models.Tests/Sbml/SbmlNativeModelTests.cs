using OsteoOde.Modeling;
using OsteoOde.Modeling.Sbml;
using OsteoOde.Numerics;
using OsteoOde.Testing;

namespace OsteoOde.Models.Tests.Sbml;

/// <summary>
/// The published models through SBML: exported models validate with libSBML and, imported back, simulate every catalog
/// protocol like the native model; the curated BioModels files simulate their protocols like the native lemaire2004 and
/// komarova2003. (These live next to the models because they need OsteoOde.Models; the SBML code is tested on its own in
/// tests/OsteoOde.Modeling.Tests/Sbml.)
/// </summary>
public class SbmlNativeModelTests
{
    private const double Relative = 1e-6;

    public static TheoryData<string> ModelIds => [Lemaire2004.Id, Pivonka2008.Id, Scheiner2013.Id, Komarova2003.Id];

    public static TheoryData<string, string> Protocols
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var s in ScenarioCatalog.All)
            {
                data.Add(s.ModelId, s.Name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ModelIds))]
    public void Exported_published_models_pass_libsbml_without_errors_or_warnings(string id)
    {
        var xml = SbmlExporter.Export(ModelCatalog.Get(id).Model);
        var report = LibSbml.ValidateText(xml, id);
        Assert.True(report.Errors == 0 && report.Warnings == 0, report.Describe());
    }

    [Theory]
    [MemberData(nameof(ModelIds))]
    public void Exported_published_models_import_to_the_same_model(string id)
    {
        var model = ModelCatalog.Get(id).Model;
        var result = SbmlImporter.Import(SbmlExporter.Export(model));
        Assert.True(result.Warnings.Count == 0, string.Join("\n", result.Warnings));
        var imported = result.Model;
        Assert.True(imported.UnitsChecked);
        Assert.Equal(model.States.Select(s => (s.Name, s.Unit.ToString(), s.Description)), imported.States.Select(s => (s.Name, s.Unit.ToString(), s.Description)));
        Assert.Equal(model.Parameters.Select(p => (p.Name, p.Value, p.Unit.ToString(), p.Source, p.LowerBound, p.UpperBound, p.Tunable, p.Scale)),
            imported.Parameters.Select(p => (p.Name, p.Value, p.Unit.ToString(), p.Source, p.LowerBound, p.UpperBound, p.Tunable, p.Scale)));
        Assert.Equal(model.Inputs.Select(i => i.Name), imported.Inputs.Select(i => i.Name));
        Assert.Equal(model.Observables.Select(o => o.Name), imported.Observables.Select(o => o.Name));
        Assert.All(model.States.Zip(imported.States), p => Assert.Same(p.First.Rate, p.Second.Rate));
        Assert.All(model.Assignments.Zip(imported.Assignments), p => Assert.Same(p.First.Expression, p.Second.Expression));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Imported_exports_simulate_every_protocol_like_the_native_model(string id, string scenarioName)
    {
        var scenario = ScenarioCatalog.Get(id, scenarioName);
        var native = scenario.CreateModel(); // the catalog model in the scenario's variant (for example the lifetime model for men)
        var imported = SbmlImporter.Import(SbmlExporter.Export(native)).Model;
        var solver = new OdeOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-14 };

        var expected = Simulation.Run(scenario.CreateRequest(native, solver)).EnsureSuccess();
        var actual = Simulation.Run(scenario.CreateRequest(imported, solver)).EnsureSuccess();

        Assert.Equal(expected.ColumnNames, actual.ColumnNames);
        Assert.Equal(expected.Times, actual.Times);
        foreach (var name in expected.ColumnNames)
        {
            AssertClose(expected[name], actual[name], $"{id}/{scenarioName}, column {name}");
        }
    }

    public static TheoryData<string, string?> LemaireFiles => new()
    {
        { "BIOMD0000000278_url.xml", null },
        { "lemaire04_addR.xml", "addR" },
        { "lemaire04_removeC.xml", "removeC" },
        { "lemaire04_addPTH.xml", "addPTH" },
        { "lemaire04_addOPG.xml", "addOPG" },
    };

    [Theory]
    [MemberData(nameof(LemaireFiles))]
    public void Curated_Lemaire_files_simulate_like_the_native_model(string file, string? scenarioName)
    {
        // The curated files switch their input with a piecewise rule in time (20 < t ≤ 80); the native model uses the catalog
        // protocol's input window. Both start from the file's 4-digit steady state.
        var curated = SbmlImporter.ImportFile(BioModels.Path(file)).Model;
        var native = Lemaire2004.Model;
        var solver = new OdeOptions { RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-16 };
        var scenario = scenarioName is null ? null : ScenarioCatalog.Get(Lemaire2004.Id, scenarioName);
        var grid = Enumerable.Range(0, 201).Select(i => (double)i).ToArray();
        var start = new Dictionary<string, double> { ["R"] = 7.734e-4, ["B"] = 7.282e-4, ["C"] = 9.127e-4 };

        var nativeRequest = scenario is null ? new SimulationRequest(native, 200) : scenario.CreateRequest(native, solver);
        var expected = Simulation.Run(nativeRequest with { OutputTimes = grid, InitialOverrides = start, Solver = solver }).EnsureSuccess();
        var actual = Simulation.Run(new SimulationRequest(curated, 200) { OutputTimes = grid, Solver = solver }).EnsureSuccess();

        foreach (var state in new[] { "R", "B", "C" })
        {
            AssertClose(expected[state], actual[state], $"{file}, {state}");
        }

        if (scenario is not null)
        {
            // The protocol really perturbs the system (otherwise the comparison would be vacuous).
            Assert.True(Math.Abs(expected["C"][80] / expected["C"][0] - 1) > 0.01, $"{file}: C(80)/C(0) = {expected["C"][80] / expected["C"][0]}");
        }
    }

    [Fact]
    public void Curated_Komarova_file_simulates_the_single_cycle_like_the_native_model()
    {
        // The file encodes max(0, x_i − x̄_i) with flags set by events; read with the events that hold at t = 0 fired, the
        // flags start as the max terms do (see SbmlInitialTriggerPolicy).
        var curated = SbmlImporter.ImportFile(BioModels.Path("BIOMD0000000148_url.xml"),
            new SbmlImportOptions { InitialTriggers = SbmlInitialTriggerPolicy.Fire }).Model;
        var scenario = ScenarioCatalog.Get(Komarova2003.Id, "single_cycle");
        var solver = new OdeOptions { RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-12 };
        var expected = Simulation.Run(scenario.CreateRequest(Komarova2003.Model, solver)).EnsureSuccess();
        var actual = Simulation.Run(new SimulationRequest(curated, scenario.EndTime) { OutputTimes = scenario.OutputTimes, Solver = solver }).EnsureSuccess();

        foreach (var state in new[] { "x1", "x2", "z" })
        {
            AssertClose(expected[state], actual[state], $"komarova single cycle, {state}");
        }

        Assert.InRange(actual["z"].Min(), 89, 91); // the resorption dip of about ten percent
    }

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        var scale = expected.Max(Math.Abs);
        for (var i = 0; i < expected.Count; i++)
        {
            // Relative to the value, with a floor of 1e-9 of the column's largest magnitude for values that pass through zero.
            var tolerance = Relative * Math.Abs(expected[i]) + 1e-9 * scale;
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what}, row {i}: expected {expected[i]:R}, got {actual[i]:R}"));
        }
    }
}

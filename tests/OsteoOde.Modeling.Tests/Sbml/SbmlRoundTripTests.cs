using System.Xml.Linq;
using OsteoOde.Modeling;
using OsteoOde.Modeling.Sbml;
using OsteoOde.Numerics;
using OsteoOde.Testing;

namespace OsteoOde.Modeling.Tests.Sbml;

public class SbmlRoundTripTests
{
    private static readonly XNamespace S = "http://www.sbml.org/sbml/level3/version2/core";
    private static readonly XNamespace M = "http://www.w3.org/1998/Math/MathML";

    public static TheoryData<string, SbmlStateEncoding> Models => new()
    {
        { "kitchen_sink", SbmlStateEncoding.Auto },
        { "kitchen_sink", SbmlStateEncoding.Parameters },
        { "kitchen_sink_base", SbmlStateEncoding.Auto },
        { "yearly", SbmlStateEncoding.Auto },
        { "yearly", SbmlStateEncoding.Parameters },
        { "pivonka_module", SbmlStateEncoding.Auto },
    };

    internal static Model Build(string name) => name switch
    {
        "kitchen_sink" => SbmlTestModels.KitchenSink(),
        "kitchen_sink_base" => SbmlTestModels.KitchenSinkBaseOnly(),
        "yearly" => SbmlTestModels.Yearly(),
        "pivonka_module" => SbmlTestModels.PivonkaWithModule(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Export_then_import_gives_the_same_model_and_compiled_functions(string name, SbmlStateEncoding encoding)
    {
        var model = Build(name);
        var result = SbmlImporter.Import(SbmlExporter.Export(model, new SbmlExportOptions { States = encoding }));

        Assert.True(result.Warnings.Count == 0, string.Join("\n", result.Warnings));
        Assert.Empty(result.UnknownUnits);
        Assert.True(result.WrittenByOsteoOde);
        Assert.Equal((3, 2), (result.Level, result.Version));
        Assert.True(result.Model.UnitsChecked);
        SbmlAssert.SameDeclarations(model, result.Model);
        SbmlAssert.SameCompiled(model, result.Model, seed: name.Length * 31 + (int)encoding);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Export_is_deterministic_and_a_fixed_point_of_import(string name, SbmlStateEncoding encoding)
    {
        var options = new SbmlExportOptions { States = encoding };
        var first = SbmlExporter.Export(Build(name), options);
        var second = SbmlExporter.Export(Build(name), options);
        Assert.Equal(first, second);

        var reexported = SbmlExporter.Export(SbmlImporter.Import(first).Model, options);
        Assert.Equal(first, reexported);
        Assert.DoesNotContain("\r", first);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sbml xmlns=\"http://www.sbml.org/sbml/level3/version2/core\" level=\"3\" version=\"2\">", first);
    }

    [Fact]
    public void States_become_species_by_their_dimension_and_parameters_otherwise()
    {
        var doc = XDocument.Parse(SbmlExporter.Export(SbmlTestModels.KitchenSink()));
        var species = doc.Descendants(S + "species").ToDictionary(e => (string)e.Attribute("id")!);
        var parameters = doc.Descendants(S + "parameter").ToDictionary(e => (string)e.Attribute("id")!);

        // pM and vesicles/mL: concentrations; cells: an amount; %, 1 and g/cm²: non-constant parameters.
        Assert.Equal(["A", "N", "V", "E"], species.Keys);
        Assert.Equal("false", (string?)species["A"].Attribute("hasOnlySubstanceUnits"));
        Assert.Equal("0.0015", (string?)species["A"].Attribute("initialConcentration"));
        Assert.Equal("u_pmol", (string?)species["A"].Attribute("substanceUnits"));
        Assert.Equal("true", (string?)species["N"].Attribute("hasOnlySubstanceUnits"));
        Assert.Equal("100", (string?)species["N"].Attribute("initialAmount"));
        Assert.Equal("u_1000_item", (string?)species["V"].Attribute("substanceUnits"));
        Assert.Null(species["V"].Attribute("initialConcentration")); // initial expression → initial assignment
        Assert.Single(doc.Descendants(S + "initialAssignment"), e => (string?)e.Attribute("symbol") == "V");
        foreach (var id in new[] { "Z", "D", "M" })
        {
            Assert.Equal("false", (string?)parameters[id].Attribute("constant"));
        }

        var compartment = Assert.Single(doc.Descendants(S + "compartment"));
        Assert.Equal(("1", "litre", "true", "3"), ((string?)compartment.Attribute("size"), (string?)compartment.Attribute("units"),
            (string?)compartment.Attribute("constant"), (string?)compartment.Attribute("spatialDimensions")));

        // Parameters are constant, inputs are not (simulations switch them), assignments have rules.
        Assert.Equal("true", (string?)parameters["k_A"].Attribute("constant"));
        Assert.Equal("0.3", (string?)parameters["k_A"].Attribute("value"));
        Assert.Equal("false", (string?)parameters["u_A"].Attribute("constant"));
        Assert.Equal("0", (string?)parameters["u_A"].Attribute("value"));
        var rules = doc.Descendants(S + "listOfRules").Elements().ToList();
        Assert.Equal(14, rules.Count(r => r.Name == S + "assignmentRule"));
        Assert.Equal(["A", "N", "Z", "D", "M", "V", "E"], rules.Where(r => r.Name == S + "rateRule").Select(r => (string)r.Attribute("variable")!));

        var states = XDocument.Parse(SbmlExporter.Export(SbmlTestModels.KitchenSink(), new SbmlExportOptions { States = SbmlStateEncoding.Parameters }));
        Assert.Empty(states.Descendants(S + "species"));
        Assert.Empty(states.Descendants(S + "compartment"));
    }

    [Fact]
    public void Units_are_defined_from_the_written_symbols()
    {
        var doc = XDocument.Parse(SbmlExporter.Export(SbmlTestModels.KitchenSink()));
        var definitions = doc.Descendants(S + "unitDefinition").ToDictionary(
            e => (string)e.Attribute("id")!,
            e => string.Join(" ", e.Descendants(S + "unit").Select(u =>
                $"{u.Attribute("kind")!.Value}^{u.Attribute("exponent")!.Value}@{u.Attribute("scale")!.Value}x{u.Attribute("multiplier")!.Value}")));

        Assert.Equal("u_day", (string?)doc.Root!.Element(S + "model")!.Attribute("timeUnits"));
        Assert.Equal("second^1@0x86400", definitions["u_day"]);
        Assert.Equal("second^-1@0x86400", definitions["u_per_day"]);
        Assert.Equal("mole^1@-12x1 litre^-1@0x1", definitions["u_pM"]);
        Assert.Equal("mole^1@-12x1 litre^-1@0x1 second^-1@0x86400", definitions["u_pM_per_day"]);
        Assert.Equal("mole^1@-12x1", definitions["u_pmol"]);
        Assert.Equal("dimensionless^1@-2x1", definitions["u_percent"]);
        Assert.Equal("item^1@0x1", definitions["u_cell"]);
        Assert.Equal("item^1@0x1 litre^-1@-3x1", definitions["u_vesicle_per_mL"]);
        Assert.Equal("gram^1@0x1 metre^-2@-2x1", definitions["u_g_per_cm2"]);
        Assert.Equal("second^1@0x31557600", definitions["u_year"]);
        Assert.Equal("second^-1@0x31557600", definitions["u_per_year"]);

        // Every unit reference in the document names a definition or an SBML base unit.
        var references = doc.Descendants().SelectMany(e => e.Attributes())
            .Where(a => a.Name.LocalName is "units" or "substanceUnits" or "timeUnits" or "volumeUnits").Select(a => a.Value).Distinct();
        Assert.All(references, r => Assert.True(definitions.ContainsKey(r) || r is "dimensionless" or "litre", $"unit '{r}' is not defined"));

        // Numbers in equations carry their units; the literal 0 takes its context's unit.
        var cap = doc.Descendants(S + "assignmentRule").Single(r => (string?)r.Attribute("variable") == "capped");
        Assert.Contains(cap.Descendants(M + "cn"), cn => cn.Attributes().Any(a => a.Name.LocalName == "units" && a.Value == "u_percent") && cn.Value.Trim() == "100");
        var excess = doc.Descendants(S + "assignmentRule").Single(r => (string?)r.Attribute("variable") == "excess");
        Assert.Contains(excess.Descendants(M + "cn"), cn => cn.Attributes().Any(a => a.Name.LocalName == "units" && a.Value == "u_pM") && cn.Value.Trim() == "0");
    }

    [Fact]
    public void Events_encode_direction_and_explicit_trigger_semantics()
    {
        var doc = XDocument.Parse(SbmlExporter.Export(SbmlTestModels.KitchenSink()));
        var events = doc.Descendants(S + "event").ToDictionary(e => (string)e.Attribute("id")!);
        Assert.Equal(["low_A", "D_half_rising", "D_half_falling", "N_near_capacity", "stop", "E_high", "bolus_1", "bolus_2", "bolus_3", "vesicle_dose_1"],
            events.Keys);

        string Op(string id) => events[id].Element(S + "trigger")!.Element(M + "math")!.Element(M + "apply")!.Elements().First().Name.LocalName;
        string Attribute(string id, string name) => (string)events[id].Element(S + "trigger")!.Attribute(name)!;

        // Falling root a − b is written a < b, rising a > b; a two-way event is one SBML event per direction.
        Assert.Equal("lt", Op("low_A"));
        Assert.Equal("gt", Op("D_half_rising"));
        Assert.Equal("lt", Op("D_half_falling"));
        Assert.Equal("gt", Op("N_near_capacity"));
        Assert.Equal("geq", Op("bolus_1"));

        // Root finding never fires on a condition already true at the start: initialValue = true. Doses at t ≥ 0 fire at their time,
        // including t = 0: initialValue = false. There are no delays, so persistence and trigger-time values are explicit but moot.
        foreach (var id in new[] { "low_A", "D_half_rising", "D_half_falling", "N_near_capacity", "stop", "E_high" })
        {
            Assert.Equal(("true", "true"), (Attribute(id, "initialValue"), Attribute(id, "persistent")));
        }

        foreach (var id in new[] { "bolus_1", "bolus_2", "bolus_3", "vesicle_dose_1" })
        {
            Assert.Equal(("false", "true"), (Attribute(id, "initialValue"), Attribute(id, "persistent")));
        }

        Assert.All(events.Values, e => Assert.Equal("true", (string?)e.Attribute("useValuesFromTriggerTime")));
        Assert.Empty(doc.Descendants(S + "delay"));

        // Dose times are sorted (declared 30, 0, 10) and each event adds the amount.
        var times = new[] { "bolus_1", "bolus_2", "bolus_3" }.Select(id => events[id].Element(S + "trigger")!.Descendants(M + "cn").Single().Value.Trim());
        Assert.Equal(["0", "10", "30"], times);
        var add = events["bolus_2"].Descendants(S + "eventAssignment").Single();
        Assert.Equal("A", (string?)add.Attribute("variable"));
        Assert.Equal("plus", add.Element(M + "math")!.Element(M + "apply")!.Elements().First().Name.LocalName);
    }

    [Fact]
    public void Provenance_is_in_annotations_and_notes()
    {
        XNamespace o = SbmlExporter.AnnotationNamespace;
        var doc = XDocument.Parse(SbmlExporter.Export(SbmlTestModels.KitchenSink()));
        var kA = doc.Descendants(S + "parameter").Single(p => (string?)p.Attribute("id") == "k_A");
        var annotation = kA.Element(S + "annotation")!.Element(o + "parameter")!;
        Assert.Equal(("1/day", "turnover of A", "0.01", "10", "true", "log"),
            ((string?)annotation.Attribute("unit"), (string?)annotation.Attribute("description"), (string?)annotation.Attribute("lowerBound"),
             (string?)annotation.Attribute("upperBound"), (string?)annotation.Attribute("tunable"), (string?)annotation.Attribute("scale")));
        var source = annotation.Element(o + "source")!;
        Assert.Equal(("10.0000/osteoode.test", "https://example.org/osteoode", "made up for export tests"),
            ((string?)source.Attribute("doi"), (string?)source.Attribute("url"), (string?)source.Attribute("note")));
        Assert.Contains("turnover of A", kA.Element(S + "notes")!.Value);

        var modelNotes = doc.Root!.Element(S + "model")!.Element(S + "notes")!.Value;
        Assert.Contains("Synthetic model for SBML export and import tests.", modelNotes);
        Assert.Contains("yearly_rate", modelNotes);
        Assert.Contains("10.0000/osteoode.test", modelNotes);
    }

    [Fact]
    public void Imported_doses_and_events_behave_like_the_original()
    {
        var model = SbmlTestModels.KitchenSink();
        var imported = SbmlImporter.Import(SbmlExporter.Export(model)).Model;
        var (ce, ci) = (CompiledModel.Compile(model), CompiledModel.Compile(imported));
        var p = ce.CreateParameterVector();
        var expected = ce.CreateDoseActions(p);
        var actual = ci.CreateDoseActions(p);
        Assert.Equal(expected.Select(a => (a.Time, a.Name)), actual.Select(a => (a.Time, a.Name)));
        var y1 = ce.CreateInitialState(p);
        var y2 = ci.CreateInitialState(p);
        foreach (var (e, a) in expected.Zip(actual))
        {
            e.Action(e.Time, y1);
            a.Action(a.Time, y2);
        }

        Assert.Equal(y1, y2);

        var events = ci.CreateOdeEvents(p);
        Assert.Equal([EventDirection.Falling, EventDirection.Both, EventDirection.Rising, EventDirection.Rising, EventDirection.Rising],
            events.Select(e => e.Direction));
        Assert.True(imported.Events.Single(e => e.Name == "stop").Terminal);
    }

    [Fact]
    public void Ids_that_collide_in_sbml_are_made_unique_and_restored_on_import()
    {
        // SBML shares one id space between quantities, the compartment and events; OsteoOde keeps events apart.
        var b = new ModelBuilder("collisions");
        var c = b.State("compartment", "pM", 1, "a state named like the exporter's compartment");
        var k = b.Parameter("k", 0.1, "1/day", "rate", new Citation("test"), 0.01, 1);
        b.AddRate(c, "loss", -(k * c));
        b.Event("k", c - Expr.Quantity(0.5, "pM"), EventDirection.Both, [("compartment", c * 2)], "an event named like a parameter");
        b.Dose("compartment_1", "compartment", 0.1, [1], "a dose whose first event id is taken");
        var model = b.Build();

        var xml = SbmlExporter.Export(model);
        var doc = XDocument.Parse(xml);
        var ids = doc.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>()
            .Where(id => !id.StartsWith("u_", StringComparison.Ordinal)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal("compartment_2", (string?)doc.Descendants(S + "compartment").Single().Attribute("id"));
        Assert.Contains("k_rising", ids);
        Assert.Contains("compartment_1_1", ids);
        Assert.Equal(0, LibSbml.ValidateText(xml, "collisions").Errors);

        var imported = SbmlImporter.Import(xml).Model;
        SbmlAssert.SameDeclarations(model, imported);
        SbmlAssert.SameCompiled(model, imported, seed: 9);
    }

    [Fact]
    public void Models_without_units_round_trip_unchecked()
    {
        var lemaire = SbmlImporter.ImportFile(BioModels.Path("lemaire04_addPTH.xml")).Model;
        Assert.False(lemaire.UnitsChecked);
        var xml = SbmlExporter.Export(lemaire);
        var again = SbmlImporter.Import(xml);
        Assert.False(again.Model.UnitsChecked);
        Assert.True(again.WrittenByOsteoOde);
        SbmlAssert.SameDeclarations(lemaire, again.Model);
        SbmlAssert.SameCompiled(lemaire, again.Model, seed: 5);

        // Unknown units are left undeclared instead of being called dimensionless.
        var k1 = XDocument.Parse(xml).Descendants(S + "parameter").Single(p => (string?)p.Attribute("id") == "k1");
        Assert.Null(k1.Attribute("units"));
        Assert.Equal(xml, SbmlExporter.Export(again.Model));
    }
}

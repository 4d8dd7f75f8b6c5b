using System.Xml.Linq;
using OsteoOde.Modeling;
using OsteoOde.Modeling.Sbml;

namespace OsteoOde.Models.Tests;

/// <summary>
/// The published models' inputs declare their allowed range: productions are non-negative, Lemaire's cell inputs may be
/// negative (the curated remove* protocols subtract cells); every catalog protocol lies inside; the ranges travel through SBML.
/// </summary>
public class InputBoundsTests
{
    private static readonly string[] CellInputs = ["I_R", "I_B", "I_C"];

    // Komarova 2003 has no inputs.
    public static TheoryData<string> Ids => [Lemaire2004.Id, Pivonka2008.Id, Scheiner2013.Id];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_input_has_finite_bounds_around_its_default_and_productions_are_non_negative(string id)
    {
        var inputs = ModelCatalog.Get(id).Model.Inputs;
        Assert.NotEmpty(inputs);
        foreach (var input in inputs)
        {
            Assert.True(double.IsFinite(input.LowerBound) && double.IsFinite(input.UpperBound), $"{id}.{input.Name} has an open side");
            Assert.InRange(input.DefaultValue, input.LowerBound, input.UpperBound);
            if (CellInputs.Contains(input.Name))
            {
                Assert.True(input.LowerBound < 0, $"{input.Name} must allow the curated removal protocols");
                Assert.Equal(-input.LowerBound, input.UpperBound);
            }
            else
            {
                Assert.Equal(0, input.LowerBound);
                Assert.True(input.UpperBound > 0);
            }
        }
    }

    [Fact]
    public void Every_catalog_protocol_uses_values_inside_the_input_ranges_with_room_to_spare()
    {
        foreach (var scenario in ScenarioCatalog.All)
        {
            var model = ModelCatalog.Get(scenario.ModelId).Model;
            var schedule = InputSchedule.Create(model, scenario.Inputs);
            foreach (var window in schedule.Switches)
            {
                var input = model.Input(window.Input);
                // At least a decade of headroom on the side the protocol pushes, so scans around published protocols fit.
                Assert.True(window.Value >= 0 ? window.Value * 10 <= input.UpperBound : window.Value * 10 >= input.LowerBound,
                    $"{scenario.ModelId}/{scenario.Name}: {window} is within a decade of the range {SimulationMessages.Range(input.LowerBound, input.UpperBound)}");
            }
        }

        // Bone-Models load case 8 removes R at -1.2e-3 pM/day (ten times the BioModels rate): still allowed.
        Assert.Equal(-1.2e-3, ParameterSet.Defaults(Lemaire2004.Model).With("I_R", -1.2e-3)["I_R"]);
    }

    [Fact]
    public void A_negative_production_is_refused_with_the_input_its_range_and_unit()
    {
        var e = Assert.Throws<ArgumentException>(() => ParameterSet.Defaults(Scheiner2013.Model).With("P_RANKL", -1e9));
        Assert.StartsWith("Input 'P_RANKL' of model 'scheiner2013' = -1000000000 pM/day is outside its allowed range [0, 1000000] pM/day.", e.Message);
        var window = Assert.Throws<ArgumentException>(() => Simulation.Run(new SimulationRequest(Lemaire2004.Model, 100)
        {
            InputSwitches = [new InputSwitch("I_C", -0.5, 20, 80)],
        }));
        Assert.StartsWith("Input switch 'I_C = -0.5 for 20 < t <= 80': -0.5 pM/day is outside the allowed range of input 'I_C' of model 'lemaire2004', [-0.1, 0.1] pM/day.",
            window.Message);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Input_ranges_are_exported_to_sbml_annotations_and_imported_back(string id)
    {
        var model = ModelCatalog.Get(id).Model;
        var xml = SbmlExporter.Export(model);
        var osteo = XNamespace.Get(SbmlExporter.AnnotationNamespace);
        var annotations = XDocument.Parse(xml).Descendants(osteo + "input").ToList();
        Assert.Equal(model.Inputs.Count, annotations.Count);
        foreach (var (input, annotation) in model.Inputs.Zip(annotations))
        {
            Assert.Equal(input.LowerBound, double.Parse((string)annotation.Attribute("lowerBound")!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(input.UpperBound, double.Parse((string)annotation.Attribute("upperBound")!, System.Globalization.CultureInfo.InvariantCulture));
        }

        var imported = SbmlImporter.Import(xml).Model;
        Assert.Equal(model.Inputs.Select(i => (i.Name, i.LowerBound, i.UpperBound)), imported.Inputs.Select(i => (i.Name, i.LowerBound, i.UpperBound)));
        Assert.Equal(model.ContentHash, imported.ContentHash);
    }
}

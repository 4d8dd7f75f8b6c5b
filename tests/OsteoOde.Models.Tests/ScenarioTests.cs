using System.Globalization;
using System.Xml.Linq;
using OsteoOde.Modeling;

namespace OsteoOde.Models.Tests;

/// <summary>Scenarios as data: valid for their models, equal to the curated protocols, expressible on the command line.</summary>
public class ScenarioTests
{
    [Fact]
    public void EveryScenarioFitsItsModelAndHasAUniqueName()
    {
        Assert.NotEmpty(ScenarioCatalog.All);
        foreach (var s in ScenarioCatalog.All)
        {
            var model = s.CreateModel();
            s.Validate(model);
            Assert.False(string.IsNullOrWhiteSpace(s.Title));
            Assert.False(string.IsNullOrWhiteSpace(s.Description));
            Assert.False(string.IsNullOrWhiteSpace(s.Source.Text));
            Assert.Equal(0, s.OutputTimes[0]);
            Assert.Equal(s.EndTime, s.OutputTimes[^1]);
            Assert.Same(s, ScenarioCatalog.Get(s.ModelId, s.Name));
        }

        foreach (var group in ScenarioCatalog.All.GroupBy(s => s.ModelId))
        {
            Assert.Equal(group.Count(), group.Select(s => s.Name).Distinct().Count());
        }
    }

    [Fact]
    public void InputWindowsRoundTripThroughBothTextForms()
    {
        foreach (var s in ScenarioCatalog.All)
        {
            foreach (var w in s.Inputs)
            {
                Assert.Equal(w, InputSwitch.Parse(w.ToString()));
            }
        }

        var pth = ScenarioCatalog.Get("lemaire2004", "addPTH");
        Assert.Equal(["I_P=1000@20:80"], pth.InputArguments);
        Assert.Equal("I_P = 1000 for 20 < t <= 80", pth.Inputs[0].ToString());
        var rankl = ScenarioCatalog.Get("lemaire2004", "addRANKL_then_OPG");
        Assert.Equal(["I_L=10000@20:", "I_O=90000@80:"], rankl.InputArguments);
        Assert.Equal(["P_RANKL=10000@20:80"], ScenarioCatalog.Get("scheiner2013", "addRANKL").InputArguments);
    }

    /// <summary>Lemaire windows equal the curated BioModels figure variants shipped with the tests (value, 20 &lt; t ≤ 80, sign).</summary>
    [Theory]
    [InlineData("lemaire04_addR.xml", "add_Rcells", "addR", +1)]
    [InlineData("lemaire04_removeC.xml", "remove_Ccells", "removeC", -1)]
    [InlineData("lemaire04_addPTH.xml", "I_P", "addPTH", +1)]
    [InlineData("lemaire04_addOPG.xml", "I_O", "addOPG", +1)]
    public void LemaireWindowsEqualTheCuratedVariants(string file, string variable, string scenario, int sign)
    {
        var doc = XDocument.Load(ParameterMetadataTests.SbmlPath(file));
        var rule = doc.Descendants().Single(e => e.Name.LocalName == "assignmentRule" && (string?)e.Attribute("variable") == variable);
        var numbers = rule.Descendants().Where(e => e.Name.LocalName == "cn")
            .Select(e => double.Parse(e.Value.Trim(), CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4, numbers.Length); // value, 20 (gt), 80 (leq), otherwise 0
        Assert.Contains(rule.Descendants(), e => e.Name.LocalName == "gt");
        Assert.Contains(rule.Descendants(), e => e.Name.LocalName == "leq");

        var window = Assert.Single(ScenarioCatalog.Get("lemaire2004", scenario).Inputs);
        Assert.Equal(sign * numbers[0], window.Value);
        Assert.Equal(numbers[1], window.From);
        Assert.Equal(numbers[2], window.Until);
        Assert.Equal(0, numbers[3]);
    }

    [Fact]
    public void RequestCarriesTheProtocol()
    {
        var s = ScenarioCatalog.Get("komarova2003", "g11_unstable");
        var request = s.CreateRequest();
        Assert.Same(Komarova2003.Model, request.Model);
        Assert.Equal(400, request.EndTime);
        Assert.Equal(1.12, request.Parameters!["g11"]);
        Assert.Equal(2, request.InitialOverrides!["x1"]);
        Assert.Equal(s.OutputTimes, request.OutputTimes);
        Assert.Contains(request.Parameters.Diff(), c => c.Name == "g11" && c.Source!.Note == "scenario 'g11_unstable'");
    }

    [Fact]
    public void ScenariosRunOnCompositionsBuiltOnTheirModel()
    {
        // The lifetime model is scheiner2013 plus modules: the published protocols must run on it unchanged.
        var module = new ModelModule("noop_extension", "adds a zero EV-RANKL term", b =>
            b.AddToSum(PivonkaExtensionPoints.RanklProductionExtra, "ev", b.Parameter("P_EV", 0, "pM/day", "EV RANKL", new Citation("test"), 0, 100, scale: ParameterScale.Linear)));
        var composed = Scheiner2013.Composition().With(module).Build();
        var s = ScenarioCatalog.Get("scheiner2013", "addRANKL");
        var a = Simulation.Run(s.CreateRequest(composed, Reference.Tight));
        var b = Reference.Run(s);
        Assert.True(a.IsSuccess, a.Message);
        Assert.Equal(b["OCa"][^1], a["OCa"][^1], 1e-12);
        Assert.Equal(Reference.At(b, "vb", 80), Reference.At(a, "vb", 80), 1e-9);
    }

    [Fact]
    public void BadScenariosAreRejectedWithEveryProblemNamed()
    {
        var good = ScenarioCatalog.Get("pivonka2008", "addPTH");
        var bad = good with
        {
            Inputs = [new InputSwitch("P_PTHX", 1, 20, 80), new InputSwitch("P_OPG", 1, 20, 500)],
            InitialState = new Dictionary<string, double> { ["OBx"] = 1, ["OCa"] = -1 },
            ParameterValues = new Dictionary<string, double> { ["A_OCa"] = 1e3 },
        };
        var ex = Assert.Throws<ArgumentException>(() => bad.Validate(Pivonka2008.Model));
        Assert.Equal("model", ex.ParamName);
        Assert.Contains("'P_PTHX' is not an input of 'pivonka2008'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0 <= T0 < T1 <= EndTime", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'OBx' is not a state", ex.Message, StringComparison.Ordinal);
        Assert.Contains("initial OCa = -1 must be finite and non-negative", ex.Message, StringComparison.Ordinal);
        Assert.Contains("A_OCa = 1000 lies outside its bounds [0.07, 7]", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => good.Validate(Lemaire2004.Model));
        var unknown = Assert.Throws<ArgumentException>(() => ScenarioCatalog.Get("pivonka2008", "addPTX"));
        Assert.Contains("addPTH", unknown.Message, StringComparison.Ordinal);
    }
}

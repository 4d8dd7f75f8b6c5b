using System.Globalization;
using System.Xml.Linq;
using OsteoOde.Modeling;
using OsteoOde.Testing;

namespace OsteoOde.Models.Tests;

/// <summary>Every parameter carries value, unit, description, source and bounds; values equal their published sources.</summary>
public class ParameterMetadataTests
{
    public static TheoryData<string> Ids => new(Published.Ids); // the lifetime model has its own tests (Aging/)

    [Theory]
    [MemberData(nameof(Ids))]
    public void EveryParameterHasProvenanceAndSensibleBounds(string id)
    {
        foreach (var p in ModelCatalog.Get(id).Model.Parameters)
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Description), p.Name);
            Assert.True(p.Source.Doi is not null || p.Source.Url is not null || p.Source.CodePath is not null, $"{p.Name}: source without DOI, URL or code path");
            Assert.InRange(p.Value, p.LowerBound, p.UpperBound);
            if (p.Tunable)
            {
                // Wide enough for scans: at least a factor 10 around positive values, or an interval of width >= 1 for exponents.
                if (p.Scale == ParameterScale.Log)
                {
                    Assert.True(p.UpperBound / p.LowerBound >= 10 - 1e-9, $"{p.Name}: bounds [{p.LowerBound}, {p.UpperBound}] too narrow");
                }
                else
                {
                    Assert.True(p.UpperBound - p.LowerBound >= 1, $"{p.Name}: bounds too narrow");
                }
            }

            // Rate constants (anything per day) are sampled on a log scale.
            if (p.Unit.Exponent(BaseDimension.Time) < 0)
            {
                Assert.Equal(ParameterScale.Log, p.Scale);
            }
        }
    }

    [Fact]
    public void PivonkaDiscrepanciesAreRecordedWhereTheParametersAreDefined()
    {
        var m = Pivonka2008.Model;
        Assert.Contains("1.684e4", m.Parameter("beta_RANKL").Source.Note, StringComparison.Ordinal);
        Assert.Contains("different value in paper and code", m.Parameter("beta_OPG").Source.Note, StringComparison.Ordinal);
        Assert.Contains("3.0e6", m.Parameter("R_RANKL").Source.Note, StringComparison.Ordinal);
        Assert.Contains("13.06", m.Parameter("K_D_RANKL_RANK").Source.Note, StringComparison.Ordinal);
        Assert.Contains("5.348", m.Parameter("D_OBp").Source.Note, StringComparison.Ordinal);
        Assert.Contains("f0 = 0.05", m.Parameter("D_OBp").Source.Note, StringComparison.Ordinal);

        // The stated equivalences hold numerically: 5.348·f0 is the effective rate; 4.4575 pM on the complex is 13.06 pM on free RANKL.
        Assert.Equal(5.348, m.Parameter("D_OBp").Value / 0.05, 3);
        var kd = m.Parameter("K_D_RANKL_RANK").Value / (m.Parameter("K_A2").Value * m.Parameter("RANK").Value);
        Assert.Equal(13.06, kd, 2);
    }

    [Fact]
    public void LemairePitfallsAreRecordedWhereTheParametersAreDefined()
    {
        var m = Lemaire2004.Model;
        Assert.Contains("f0·d_B", m.Parameter("d_B").Source.Note, StringComparison.Ordinal);
        Assert.Contains("(1 + I_L/r_L)", m.Parameter("r_L").Source.Note, StringComparison.Ordinal);
        Assert.Contains("R/π_P", m.Parameter("K_OP").Source.Note, StringComparison.Ordinal);
        Assert.Contains("π_P·B", m.Parameter("K_LP").Source.Note, StringComparison.Ordinal);
        Assert.Contains("numerator and denominator", m.Parameter("k_P").Source.Note, StringComparison.Ordinal);
        Assert.Equal(0.035, m.Resolve(Expr.Symbol("D_B")).Evaluate(new Dictionary<string, double> { ["f0"] = 0.05, ["d_B"] = 0.7 }), 15);
    }

    /// <summary>Full-precision values read from cmodiz/Bone-Models (commit 0c62d8d1868b), typed in here independently of the library.</summary>
    [Theory]
    [InlineData("pivonka2008", "D_OBp", 2.674077909527713e-1)]
    [InlineData("pivonka2008", "K_D1_TGFb", 4.545454545454545e-3)]
    [InlineData("pivonka2008", "K_D2_TGFb", 1.415624253823446e-3)]
    [InlineData("pivonka2008", "K_rep_PTH", 2.225814277099542e-1)]
    [InlineData("pivonka2008", "K_D_RANKL_RANK", 4.457452802710724)]
    [InlineData("pivonka2008", "D_RANKL", 1.0132471014805027e+1)]
    [InlineData("pivonka2008", "beta_RANKL", 1.684195714712206e+2)]
    [InlineData("pivonka2008", "beta_OPG", 1.624900337835679e+8)]
    [InlineData("pivonka2008", "R_RANKL", 2.703476379131062e+6)]
    [InlineData("pivonka2008", "K_A2", 3.411764705882353e-2)]
    [InlineData("pivonka2008", "A_OBa", 0.189)]
    [InlineData("pivonka2008", "A_OCa", 0.7)]
    [InlineData("scheiner2013", "D_OBp", 0.165696312976030)]
    [InlineData("scheiner2013", "A_OBa", 0.211072625806496)]
    [InlineData("scheiner2013", "A_OCa", 5.64874468409633)]
    [InlineData("scheiner2013", "K_D1_TGFb", 0.000563278809675429)]
    [InlineData("scheiner2013", "K_D3_TGFb", 0.000563278809675429)]
    [InlineData("scheiner2013", "K_D2_TGFb", 0.000175426051821094)]
    [InlineData("scheiner2013", "K_rep_PTH", 0.222581427709954)]
    [InlineData("scheiner2013", "K_D_RANKL_RANK", 5.67971833061048)]
    [InlineData("scheiner2013", "D_OCp", 2.1e-3)]
    [InlineData("scheiner2013", "D_OBu", 7.0e-4)]
    [InlineData("scheiner2013", "beta_RANKL", 1.684195714712206e+2)]
    [InlineData("scheiner2013", "R_RANKL", 2.703476379131062e+6)]
    [InlineData("scheiner2013", "k_form", 40)]
    [InlineData("scheiner2013", "k_res", 200)]
    public void ValuesEqualThePublicCodeAtFullPrecision(string id, string name, double expected) =>
        Assert.Equal(expected, ModelCatalog.Get(id).Model.Parameter(name).Value);

    /// <summary>Lemaire parameters equal the curated BioModels SBML (names mapped: K_L_P → K_LP, K_O_P → K_OP, kO → k_O).</summary>
    [Fact]
    public void LemaireValuesEqualTheCuratedSbml()
    {
        var sbml = SbmlParameters("BIOMD0000000278_url.xml");
        var rename = new Dictionary<string, string> { ["K_LP"] = "K_L_P", ["K_OP"] = "K_O_P", ["k_O"] = "kO" };
        foreach (var p in Lemaire2004.Model.Parameters)
        {
            Assert.Equal(sbml[rename.GetValueOrDefault(p.Name, p.Name)], p.Value);
        }

        var species = SbmlSpecies("BIOMD0000000278_url.xml");
        var y0 = Lemaire2004.SteadyState;
        Assert.Equal(species["R"], y0[0], 4e-4 * species["R"]); // curated initial values are the 4-digit rounding of the root
        Assert.Equal(species["B"], y0[1], 4e-4 * species["B"]);
        Assert.Equal(species["C"], y0[2], 4e-4 * species["C"]);
    }

    [Fact]
    public void KomarovaValuesEqualTheCuratedSbml()
    {
        var sbml = SbmlParameters("BIOMD0000000148_url.xml");
        foreach (var p in Komarova2003.Model.Parameters)
        {
            Assert.Equal(sbml[p.Name], p.Value);
        }

        var species = SbmlSpecies("BIOMD0000000148_url.xml");
        var single = ScenarioCatalog.Get("komarova2003", "single_cycle");
        Assert.Equal(species["x1"], single.InitialState["x1"]);
        Assert.Equal(species["x2"], single.InitialState["x2"]);
        Assert.Equal(species["z"], single.InitialState["z"]);
    }

    internal static string SbmlPath(string file) => Path.Combine(TestData.RepositoryRoot, "tests", "OsteoOde.Testing", "Data", "biomodels", file);

    internal static Dictionary<string, double> SbmlParameters(string file)
    {
        var doc = XDocument.Load(SbmlPath(file));
        return doc.Descendants().Where(e => e.Name.LocalName == "parameter" && e.Attribute("value") is not null)
            .ToDictionary(e => e.Attribute("id")!.Value, e => double.Parse(e.Attribute("value")!.Value, CultureInfo.InvariantCulture));
    }

    private static Dictionary<string, double> SbmlSpecies(string file)
    {
        var doc = XDocument.Load(SbmlPath(file));
        return doc.Descendants().Where(e => e.Name.LocalName == "species")
            .ToDictionary(e => e.Attribute("id")!.Value,
                e => double.Parse((e.Attribute("initialConcentration") ?? e.Attribute("initialAmount"))!.Value, CultureInfo.InvariantCulture));
    }
}

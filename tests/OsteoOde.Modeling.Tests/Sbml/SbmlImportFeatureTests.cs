using OsteoOde.Modeling;
using OsteoOde.Modeling.Sbml;
using OsteoOde.Numerics;

namespace OsteoOde.Modeling.Tests.Sbml;

/// <summary>Importer features on small hand-written documents, each checked against numbers computed here.</summary>
public class SbmlImportFeatureTests
{
    internal static string L3(string body, string modelAttributes = "", int version = 1) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <sbml xmlns="http://www.sbml.org/sbml/level3/version{version}/core" level="3" version="{version}">
          <model id="m" {modelAttributes}>
        {body}
          </model>
        </sbml>
        """;

    internal static string L2(string body, int version = 4) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <sbml xmlns="http://www.sbml.org/sbml/level2/version{version}" level="2" version="{version}">
          <model id="m">
        {body}
          </model>
        </sbml>
        """;

    internal static string Math(string content) => $"<math xmlns=\"http://www.w3.org/1998/Math/MathML\">{content}</math>";

    private static double[] Rhs(Model model, double t, double[] y, Action<CompiledModel, double[]>? setParameters = null)
    {
        var c = CompiledModel.Compile(model);
        var p = c.CreateParameterVector();
        setParameters?.Invoke(c, p);
        return SbmlAssert.Evaluate(c.Rhs, t, y, p, c.StateCount);
    }

    [Fact]
    public void Reactions_balance_mass_with_stoichiometry_and_compartment_volume()
    {
        // 2 S1 → S2 in a 2-litre compartment with rate k·S1² (extent per time), S1 a concentration, S2 an amount; S3 a
        // boundary species (input, not consumed); local parameter k shadows nothing; a conversion factor of 3 on S2.
        var xml = L3("""
            <listOfCompartments><compartment id="cell" size="2" constant="true" spatialDimensions="3"/></listOfCompartments>
            <listOfSpecies>
              <species id="S1" compartment="cell" initialAmount="4" hasOnlySubstanceUnits="false" boundaryCondition="false" constant="false"/>
              <species id="S2" compartment="cell" initialConcentration="0.5" hasOnlySubstanceUnits="true" boundaryCondition="false" constant="false" conversionFactor="cf"/>
              <species id="S3" compartment="cell" initialConcentration="7" hasOnlySubstanceUnits="false" boundaryCondition="true" constant="false"/>
            </listOfSpecies>
            <listOfParameters><parameter id="cf" value="3" constant="true"/></listOfParameters>
            <listOfReactions>
              <reaction id="dimerise" reversible="false" fast="false">
                <listOfReactants>
                  <speciesReference species="S1" stoichiometry="2" constant="true"/>
                  <speciesReference species="S3" stoichiometry="1" constant="true"/>
                </listOfReactants>
                <listOfProducts><speciesReference species="S2" stoichiometry="1" constant="true"/></listOfProducts>
                <kineticLaw>
                  <math xmlns="http://www.w3.org/1998/Math/MathML"><apply><times/><ci>k</ci><ci>S1</ci><ci>S1</ci><ci>S3</ci></apply></math>
                  <listOfLocalParameters><localParameter id="k" value="0.1"/></listOfLocalParameters>
                </kineticLaw>
              </reaction>
            </listOfReactions>
            """);
        var model = SbmlImporter.Import(xml).Model;
        Assert.Equal(["S1", "S2"], model.States.Select(s => s.Name));
        Assert.Equal(["cf", "S3", "cell", "dimerise_k"], model.Parameters.Select(p => p.Name));

        // Start values: S1 = 4 mol / 2 L = 2 (concentration); S2 = 0.5 · 2 = 1 (amount).
        var c = CompiledModel.Compile(model);
        var y0 = c.CreateInitialState(c.CreateParameterVector());
        Assert.Equal([2, 1], y0);

        var y = new[] { 1.5, 0.25 };
        var v = 0.1 * 1.5 * 1.5 * 7; // extent per time
        SbmlAssert.Close([-2 * v / 2, 3 * v], Rhs(model, 0, y), 1e-15, "rates");
        Assert.Equal(["dimerise"], model.State("S1").RateTerms.Select(t => t.Name));
    }

    [Fact]
    public void Level2_amount_species_rules_and_function_definitions()
    {
        var xml = L2($"""
            <listOfFunctionDefinitions>
              <functionDefinition id="hill">{Math("<lambda><bvar><ci>x</ci></bvar><bvar><ci>K</ci></bvar><bvar><ci>n</ci></bvar><apply><divide/><apply><power/><ci>x</ci><ci>n</ci></apply><apply><plus/><apply><power/><ci>K</ci><ci>n</ci></apply><apply><power/><ci>x</ci><ci>n</ci></apply></apply></apply></lambda>")}</functionDefinition>
              <functionDefinition id="twice">{Math("<lambda><bvar><ci>y</ci></bvar><apply><times/><cn>2</cn><apply><ci>hill</ci><ci>y</ci><cn>3</cn><cn>2</cn></apply></apply></lambda>")}</functionDefinition>
            </listOfFunctionDefinitions>
            <listOfCompartments><compartment id="c" size="1"/></listOfCompartments>
            <listOfSpecies><species id="X" compartment="c" initialAmount="1" hasOnlySubstanceUnits="true"/></listOfSpecies>
            <listOfParameters>
              <parameter id="k" value="0.5"/>
              <parameter id="drive" constant="false"/>
            </listOfParameters>
            <listOfRules>
              <assignmentRule variable="drive">{Math("<apply><ci>twice</ci><ci>X</ci></apply>")}</assignmentRule>
              <rateRule variable="X">{Math("<apply><minus/><ci>drive</ci><apply><times/><ci>k</ci><ci>X</ci></apply></apply>")}</rateRule>
            </listOfRules>
            """);
        var model = SbmlImporter.Import(xml).Model;
        var x = 1.7;
        Check.Close(2 * (x * x / (9 + x * x)) - 0.5 * x, Rhs(model, 0, [x])[0], 1e-15, 0, "dX/dt");
        Assert.DoesNotContain(model.Parameters, p => p.Name == "c"); // compartment unused in formulas: not a parameter
    }

    [Fact]
    public void Initial_assignments_use_start_values_of_states_time_and_assignments()
    {
        var xml = L3($"""
            <listOfParameters>
              <parameter id="a" value="2" constant="false"/>
              <parameter id="b" constant="false"/>
              <parameter id="k" value="3" constant="true"/>
              <parameter id="twoA" constant="false"/>
              <parameter id="fixed" constant="true"/>
            </listOfParameters>
            <listOfInitialAssignments>
              <initialAssignment symbol="b">{Math("<apply><plus/><ci>twoA</ci><ci>k</ci><csymbol encoding=\"text\" definitionURL=\"http://www.sbml.org/sbml/symbols/time\">t</csymbol></apply>")}</initialAssignment>
              <initialAssignment symbol="fixed">{Math("<apply><times/><ci>b</ci><cn>10</cn></apply>")}</initialAssignment>
            </listOfInitialAssignments>
            <listOfRules>
              <assignmentRule variable="twoA">{Math("<apply><times/><cn>2</cn><ci>a</ci></apply>")}</assignmentRule>
              <rateRule variable="a">{Math("<apply><minus/><ci>a</ci></apply>")}</rateRule>
              <rateRule variable="b">{Math("<ci>fixed</ci>")}</rateRule>
            </listOfRules>
            """);
        var model = SbmlImporter.Import(xml).Model;
        var c = CompiledModel.Compile(model);
        var p = c.CreateParameterVector();

        // b(0) = 2·a(0) + k + 0 = 7; 'fixed' is a constant equal to b(0)·10 = 70 (an assignment of the start values).
        Assert.Equal([2, 7], c.CreateInitialState(p));
        Assert.Equal(AssignmentKind.Expression, model.Assignment("fixed").AssignmentKind);
        SbmlAssert.Close([-5, 70], SbmlAssert.Evaluate(c.Rhs, 3, [5, 1], p, 2), 1e-15, "rates");
        p[c.ParameterVectorIndex("k")] = 4;
        Assert.Equal([2, 8], c.CreateInitialState(p));
    }

    [Theory]
    [InlineData("false", SbmlInitialTriggerPolicy.FollowDocument, 5.0)]
    [InlineData("true", SbmlInitialTriggerPolicy.FollowDocument, 1.0)]
    [InlineData("true", SbmlInitialTriggerPolicy.Fire, 5.0)]
    [InlineData("false", SbmlInitialTriggerPolicy.DoNotFire, 1.0)]
    public void Level3_initial_value_decides_whether_a_trigger_true_at_the_start_fires(string initialValue, SbmlInitialTriggerPolicy policy, double start)
    {
        var xml = L3($"""
            <listOfParameters>
              <parameter id="x" value="1" constant="false"/>
              <parameter id="limit" value="0.5" constant="true"/>
            </listOfParameters>
            <listOfRules><rateRule variable="x">{Math("<apply><minus/><ci>x</ci></apply>")}</rateRule></listOfRules>
            <listOfEvents>
              <event id="reset" useValuesFromTriggerTime="true">
                <trigger initialValue="{initialValue}" persistent="true">{Math("<apply><gt/><ci>x</ci><ci>limit</ci></apply>")}</trigger>
                <listOfEventAssignments><eventAssignment variable="x">{Math("<apply><times/><cn>5</cn><ci>x</ci></apply>")}</eventAssignment></listOfEventAssignments>
              </event>
            </listOfEvents>
            """);
        var result = SbmlImporter.Import(xml, new SbmlImportOptions { InitialTriggers = policy });
        var c = CompiledModel.Compile(result.Model);
        var p = c.CreateParameterVector();
        Assert.Equal(start, c.CreateInitialState(p)[0]);
        var e = Assert.Single(result.Model.Events);
        Assert.Equal(EventDirection.Rising, e.Direction);
        Assert.Same(Expr.Symbol("x") - Expr.Symbol("limit"), e.Trigger);

        // The start value follows the parameters: with the limit above x(0) the trigger is false at the start.
        p[c.ParameterVectorIndex("limit")] = 2;
        Assert.Equal(1, c.CreateInitialState(p)[0]);
    }

    [Fact]
    public void Compound_triggers_become_min_and_max_roots()
    {
        var xml = L3($"""
            <listOfParameters>
              <parameter id="x" value="1" constant="false"/>
              <parameter id="y" value="1" constant="false"/>
            </listOfParameters>
            <listOfRules>
              <rateRule variable="x">{Math("<cn>1</cn>")}</rateRule>
              <rateRule variable="y">{Math("<cn>-1</cn>")}</rateRule>
            </listOfRules>
            <listOfEvents>
              <event id="both" useValuesFromTriggerTime="true">
                <trigger initialValue="true" persistent="true">{Math("<apply><and/><apply><gt/><ci>x</ci><cn>2</cn></apply><apply><lt/><ci>y</ci><cn>0</cn></apply></apply>")}</trigger>
              </event>
              <event id="either" useValuesFromTriggerTime="true">
                <trigger initialValue="true" persistent="true">{Math("<apply><or/><apply><geq/><ci>x</ci><cn>2</cn></apply><apply><not/><apply><geq/><ci>y</ci><cn>0</cn></apply></apply></apply>")}</trigger>
              </event>
              <event id="below" useValuesFromTriggerTime="true">
                <trigger initialValue="true" persistent="true">{Math("<apply><leq/><ci>x</ci><ci>y</ci></apply>")}</trigger>
              </event>
            </listOfEvents>
            """);
        var events = SbmlImporter.Import(xml).Model.Events;
        var x = Expr.Symbol("x");
        var y = Expr.Symbol("y");

        // and: min of the parts written positive-when-true; or: max; not: reversed direction; a ≤ b: a − b falling.
        Assert.Same(Expr.Min(x - 2, -y), events[0].Trigger);
        Assert.Equal(EventDirection.Rising, events[0].Direction);
        Assert.Same(Expr.Max(x - 2, -y), events[1].Trigger);
        Assert.Equal(EventDirection.Rising, events[1].Direction);
        Assert.Same(x - y, events[2].Trigger);
        Assert.Equal(EventDirection.Falling, events[2].Direction);
    }

    public static TheoryData<string, double> MathCases => new()
    {
        { "<apply><root/><degree><cn>3</cn></degree><cn>27</cn></apply>", 3 },
        { "<apply><root/><ci>v</ci></apply>", System.Math.Sqrt(2.5) },
        { "<apply><root/><degree><cn>3</cn></degree><ci>v</ci></apply>", System.Math.Pow(2.5, 1.0 / 3) },
        { "<apply><log/><ci>v</ci></apply>", System.Math.Log(2.5) / System.Math.Log(10) },
        { "<apply><log/><logbase><cn>2</cn></logbase><ci>v</ci></apply>", System.Math.Log(2.5) / System.Math.Log(2) },
        { "<apply><ln/><ci>v</ci></apply>", System.Math.Log(2.5) },
        { "<apply><exp/><ci>v</ci></apply>", System.Math.Exp(2.5) },
        { "<apply><power/><ci>v</ci><cn>1.5</cn></apply>", System.Math.Pow(2.5, 1.5) },
        { "<apply><abs/><apply><minus/><ci>v</ci></apply></apply>", 2.5 },
        { "<cn type=\"e-notation\">1.5<sep/>-3</cn>", 1.5e-3 },
        { "<cn type=\"rational\">1<sep/>4</cn>", 0.25 },
        { "<cn type=\"integer\"> 7 </cn>", 7 },
        { "<apply><times/><pi/><exponentiale/></apply>", System.Math.PI * System.Math.E },
        { "<apply><floor/><cn>2.7</cn></apply>", 2 },
        { "<apply><ceiling/><cn>2.2</cn></apply>", 3 },
        { "<apply><factorial/><cn>5</cn></apply>", 120 },
        { "<apply><sin/><cn>0.5</cn></apply>", System.Math.Sin(0.5) },
        { "<apply><max/><ci>v</ci><cn>4</cn><cn>3</cn></apply>", 4 },
        { "<apply><min/><ci>v</ci><cn>4</cn><cn>3</cn></apply>", 2.5 },
        { "<apply><plus/></apply>", 0 },
        { "<apply><times/><ci>v</ci></apply>", 2.5 },
        { "<piecewise><piece><cn>1</cn><apply><lt/><cn>1</cn><ci>v</ci><cn>3</cn></apply></piece><otherwise><cn>0</cn></otherwise></piecewise>", 1 },
        { "<piecewise><piece><cn>1</cn><apply><xor/><apply><gt/><ci>v</ci><cn>1</cn></apply><apply><gt/><ci>v</ci><cn>2</cn></apply></apply></piece><otherwise><cn>0</cn></otherwise></piecewise>", 0 },
        { "<piecewise><piece><cn>1</cn><apply><implies/><apply><gt/><ci>v</ci><cn>3</cn></apply><false/></apply></piece><otherwise><cn>0</cn></otherwise></piecewise>", 1 },
        { "<piecewise><piece><cn>1</cn><apply><neq/><ci>v</ci><cn>2.5</cn></apply></piece><otherwise><cn>-1</cn></otherwise></piecewise>", -1 },
        { "<piecewise><piece><cn>1</cn><apply><eq/><ci>v</ci><cn>2.5</cn></apply></piece></piecewise>", 1 },
        { "<apply><times/><csymbol encoding=\"text\" definitionURL=\"http://www.sbml.org/sbml/symbols/avogadro\">NA</csymbol><cn>1e-23</cn></apply>", 6.02214179 },
        { "<semantics><apply><plus/><ci>v</ci><cn>1</cn></apply><annotation encoding=\"text\">note</annotation></semantics>", 3.5 },
    };

    [Theory]
    [MemberData(nameof(MathCases))]
    public void MathML_reads_to_the_right_numbers(string mathml, double expected)
    {
        var xml = L3($"""
            <listOfParameters>
              <parameter id="v" value="2.5" constant="true"/>
              <parameter id="out" constant="false"/>
            </listOfParameters>
            <listOfRules><assignmentRule variable="out">{Math(mathml)}</assignmentRule></listOfRules>
            """);
        var model = SbmlImporter.Import(xml).Model;
        var value = model.Resolve(Expr.Symbol("out")).Evaluate(new Dictionary<string, double> { ["v"] = 2.5 });
        Check.Close(expected, value, 1e-15, 0, mathml);
    }

    [Fact]
    public void Piecewise_without_otherwise_is_nan_there_and_says_so()
    {
        var xml = L3($"""
            <listOfParameters><parameter id="v" value="5" constant="true"/><parameter id="out" constant="false"/></listOfParameters>
            <listOfRules><assignmentRule variable="out">{Math("<piecewise><piece><cn>1</cn><apply><lt/><ci>v</ci><cn>3</cn></apply></piece></piecewise>")}</assignmentRule></listOfRules>
            """);
        var result = SbmlImporter.Import(xml);
        Assert.True(double.IsNaN(result.Model.Resolve(Expr.Symbol("out")).Evaluate(new Dictionary<string, double> { ["v"] = 5 })));
        Assert.Contains(result.Warnings, w => w.Contains("otherwise", StringComparison.Ordinal) && w.Contains("'out'", StringComparison.Ordinal));
    }

    [Fact]
    public void Declared_units_are_converted_and_checked()
    {
        var xml = L3($"""
            <listOfUnitDefinitions>
              <unitDefinition id="day"><listOfUnits><unit kind="second" exponent="1" scale="0" multiplier="86400"/></listOfUnits></unitDefinition>
              <unitDefinition id="per_day"><listOfUnits><unit kind="second" exponent="-1" scale="0" multiplier="86400"/></listOfUnits></unitDefinition>
              <unitDefinition id="nmol"><listOfUnits><unit kind="mole" exponent="1" scale="-9" multiplier="1"/></listOfUnits></unitDefinition>
            </listOfUnitDefinitions>
            <listOfCompartments><compartment id="c" size="1" units="litre" constant="true" spatialDimensions="3"/></listOfCompartments>
            <listOfSpecies><species id="S" compartment="c" initialConcentration="1" substanceUnits="nmol" hasOnlySubstanceUnits="false" boundaryCondition="false" constant="false"/></listOfSpecies>
            <listOfParameters><parameter id="k" value="0.2" units="per_day" constant="true"/></listOfParameters>
            <listOfRules><rateRule variable="S">{Math("<apply><minus/><apply><times/><ci>k</ci><ci>S</ci></apply></apply>")}</rateRule></listOfRules>
            """, "timeUnits=\"day\"");
        var result = SbmlImporter.Import(xml);
        Assert.True(result.Model.UnitsChecked, string.Join("\n", result.Warnings));
        Assert.Empty(result.UnknownUnits);
        Assert.Equal("day", result.Model.TimeUnit.ToString());
        Assert.True(result.Model.State("S").Unit.Equals(Unit.NanoMolar));
        Assert.Equal("nmol/L", result.Model.State("S").Unit.ToString());
        Assert.True(result.Model.Parameter("k").Unit.Equals(Unit.PerDay));

        // The same file with k in 1/second: inconsistent, imported unchecked under Auto, refused under Require.
        var inconsistent = xml.Replace("units=\"per_day\"", "units=\"hertz\"", StringComparison.Ordinal);
        var auto = SbmlImporter.Import(inconsistent);
        Assert.False(auto.Model.UnitsChecked);
        Assert.Contains(auto.Warnings, w => w.Contains("not consistent", StringComparison.Ordinal));
        var ex = Assert.Throws<SbmlImportException>(() => SbmlImporter.Import(inconsistent, new SbmlImportOptions { Units = SbmlUnitPolicy.Require }));
        Assert.Contains("unit", ex.Message, StringComparison.Ordinal);

        // Without units on k, Require names it.
        var undeclared = xml.Replace(" units=\"per_day\"", "", StringComparison.Ordinal);
        var missing = Assert.Throws<SbmlImportException>(() => SbmlImporter.Import(undeclared, new SbmlImportOptions { Units = SbmlUnitPolicy.Require }));
        Assert.Contains("'k'", missing.Message, StringComparison.Ordinal);
        Assert.Equal(["k"], SbmlImporter.Import(undeclared).UnknownUnits);
    }

    [Fact]
    public void Reserved_ids_are_renamed_and_reported()
    {
        var xml = L3($"""
            <listOfParameters><parameter id="t" value="2" constant="true"/><parameter id="x" value="1" constant="false"/></listOfParameters>
            <listOfRules><rateRule variable="x">{Math("<apply><times/><ci>t</ci><ci>x</ci></apply>")}</rateRule></listOfRules>
            """);
        var result = SbmlImporter.Import(xml);
        Assert.Equal(["t_"], result.Model.Parameters.Select(p => p.Name));
        Assert.Contains(result.Warnings, w => w.Contains("'t'", StringComparison.Ordinal) && w.Contains("'t_'", StringComparison.Ordinal));
        Check.Close(6, Rhs(result.Model, 0, [3])[0], 0, 0, "dx/dt");
    }

    [Fact]
    public void Options_are_validated()
    {
        var ex = Assert.Throws<ArgumentException>(() => SbmlImporter.Import(L3(""), new SbmlImportOptions { DefaultBoundsFactor = 0.5 }));
        Assert.Equal("options", ex.ParamName);
        Assert.Contains("DefaultBoundsFactor", ex.Message, StringComparison.Ordinal);
        var file = Assert.Throws<ArgumentException>(() => SbmlImporter.ImportFile("/nonexistent/model.xml"));
        Assert.Contains("/nonexistent/model.xml", file.Message, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using OsteoOde.Modeling;
using static OsteoOde.Modeling.Tests.SimulationTestModels;

namespace OsteoOde.Modeling.Tests;

public class ParameterSetTests
{
    private static readonly Lazy<Model> Pivonka = new(Pivonka2008TestModel.Build);

    [Fact]
    public void DefaultsHoldDeclaredValuesInVectorOrder()
    {
        var model = Pivonka.Value;
        var set = ParameterSet.Defaults(model);
        var compiled = CompiledModel.GetOrCompile(model);
        Assert.Equal(compiled.ParameterVectorNames, set.Names);
        Assert.Equal(compiled.CreateParameterVector(), set.ToVector());
        Assert.Equal(2.674078e-1, set["D_OBp"]);
        Assert.Equal(0, set["P_RANKL"]);
        Assert.True(set.IsDefault);
        Assert.Empty(set.Diff());
        Assert.True(set.Contains("K_A1"));
        Assert.False(set.Contains("K_a1"));
    }

    [Fact]
    public void WithReturnsNewSetsAndNeverChangesTheOriginal()
    {
        var model = Pivonka.Value;
        var defaults = ParameterSet.Defaults(model);
        var changed = defaults.With("D_OBp", 0.3);
        var both = changed.With(new Dictionary<string, double> { ["A_OCa"] = 0.8, ["P_RANKL"] = 1e4 });
        Assert.Equal(2.674078e-1, defaults["D_OBp"]);
        Assert.Equal(0.3, changed["D_OBp"]);
        Assert.Equal(0.7, changed["A_OCa"]);
        Assert.Equal(0.8, both["A_OCa"]);
        Assert.Equal(0.3, both["D_OBp"]);
        Assert.Equal(1e4, both["P_RANKL"]);
        Assert.True(defaults.IsDefault);

        var vector = both.ToVector();
        vector[0] = 123;
        Assert.Equal(7.00e-4, both["D_OBu"]); // a copy, not a view

        var back = both.WithDefault("D_OBp");
        Assert.Equal(2.674078e-1, back["D_OBp"]);
        Assert.Equal(["A_OCa", "P_RANKL"], back.Diff().Select(c => c.Name));

        // A failed With changes nothing and a multi-value With is all-or-nothing.
        Assert.Throws<ArgumentException>(() => changed.With(new Dictionary<string, double> { ["A_OCa"] = 0.8, ["A_OBa"] = -1 }));
        Assert.Equal(0.7, changed["A_OCa"]);
    }

    [Fact]
    public void ValidationMessagesNameTheItemTheRangeAndTheUnit()
    {
        var model = Pivonka.Value;
        var set = ParameterSet.Defaults(model);

        var unknown = Assert.Throws<ArgumentException>(() => set.With("D_OBP", 0.3));
        Assert.Equal("Model 'pivonka2008_test' has no parameter or input named 'D_OBP'. Did you mean: D_OBp? (Parameter 'name')", unknown.Message);
        Assert.Equal("name", unknown.ParamName);

        var far = Assert.Throws<ArgumentException>(() => set.With("betaRANKL", 1));
        Assert.Equal("Model 'pivonka2008_test' has no parameter or input named 'betaRANKL'. Did you mean: beta_RANKL? (Parameter 'name')",
            far.Message);

        var high = Assert.Throws<ArgumentException>(() => set.With("D_PTH", 1000));
        Assert.Equal("Parameter 'D_PTH' of model 'pivonka2008_test' = 1000 1/day is outside its allowed range [8.6, 860] 1/day. (Parameter 'value')",
            high.Message);
        Assert.Equal("value", high.ParamName);

        var nan = Assert.Throws<ArgumentException>(() => set.With("K_A1", double.NaN));
        Assert.Equal("Parameter 'K_A1' of model 'pivonka2008_test' must be a finite number in [0.0001, 0.01] 1/pM (got NaN). (Parameter 'value')",
            nan.Message);

        var dimensionless = Assert.Throws<ArgumentException>(() => set.With("alpha_TGFb", 11));
        Assert.Equal("Parameter 'alpha_TGFb' of model 'pivonka2008_test' = 11 (dimensionless) is outside its allowed range [0.1, 10] (dimensionless). (Parameter 'value')",
            dimensionless.Message);

        var input = Assert.Throws<ArgumentException>(() => set.With("P_OPG", double.PositiveInfinity));
        Assert.Equal("Input 'P_OPG' of model 'pivonka2008_test' must be a finite number in pM/day (got Infinity). (Parameter 'value')", input.Message);

        // This test model declares its inputs without bounds: any finite value, negative included (a sink), is accepted.
        Assert.Equal(-5, set.With("P_OPG", -5)["P_OPG"]);
        Assert.Throws<ArgumentException>(() => set["nope"]);
    }

    [Fact]
    public void BoundedInputsRefuseValuesOutsideTheirRangeNamingInputRangeAndUnit()
    {
        var model = BoundedInputs();
        var set = ParameterSet.Defaults(model);
        Assert.Equal(1e6, set.With("prod", 1e6)["prod"]);
        Assert.Equal(0, set.With("prod", 1)["prod"] - 1);
        Assert.Equal(-0.1, set.With("sink", -0.1)["sink"]);

        var negative = Assert.Throws<ArgumentException>(() => set.With("prod", -1e9));
        Assert.Equal("Input 'prod' of model 'bounded' = -1000000000 pM/day is outside its allowed range [0, 1000000] pM/day. (Parameter 'value')",
            negative.Message);
        Assert.Equal("value", negative.ParamName);
        var high = Assert.Throws<ArgumentException>(() => set.With(new Dictionary<string, double> { ["sink"] = 0.5 }));
        Assert.Equal("Input 'sink' of model 'bounded' = 0.5 pM/day is outside its allowed range [-0.1, 0.1] pM/day. (Parameter 'values')", high.Message);
        var open = Assert.Throws<ArgumentException>(() => set.With("rate", -1));
        Assert.Equal("Input 'rate' of model 'bounded' = -1 pM/day is outside its allowed range [0, ∞) pM/day. (Parameter 'value')", open.Message);
        Assert.Equal(1e300, set.With("rate", 1e300)["rate"]);
        var nan = Assert.Throws<ArgumentException>(() => set.With("prod", double.NaN));
        Assert.Equal("Input 'prod' of model 'bounded' must be a finite number in [0, 1000000] pM/day (got NaN). (Parameter 'value')", nan.Message);

        // Input windows are checked against the same range.
        var window = Assert.Throws<ArgumentException>(() => InputSchedule.Create(model, [InputSwitch.Parse("prod = -5 for 20 < t <= 80")]));
        Assert.Equal("Input switch 'prod = -5 for 20 < t <= 80': -5 pM/day is outside the allowed range of input 'prod' of model 'bounded', [0, 1000000] pM/day. (Parameter 'switches')",
            window.Message);
        Assert.Single(InputSchedule.Create(model, [InputSwitch.Parse("sink = -0.1 for 0 < t <= 1")]).Switches);
        var inRequest = Assert.Throws<ArgumentException>(() => Simulation.Run(new SimulationRequest(model, 10) { InputSwitches = [new InputSwitch("sink", 1, 2, 3)] }));
        Assert.Contains("outside the allowed range of input 'sink'", inRequest.Message);

        // A parameter-set file is validated too.
        var json = set.With("prod", 10).ToJson().Replace("\"value\": 10", "\"value\": -10", StringComparison.Ordinal);
        var file = Assert.Throws<ArgumentException>(() => ParameterSet.FromJson(model, json));
        Assert.Contains("[0, 1000000] pM/day", file.Message);
    }

    [Fact]
    public void InputBoundsAreCheckedWhenTheModelIsBuilt()
    {
        static ModelBuilder With(Action<ModelBuilder> declare)
        {
            var b = new ModelBuilder("bad");
            var x = b.State("x", "pM", 1, "level");
            declare(b);
            b.AddRate(x, "none", Expr.Zero);
            return b;
        }

        var reversed = Assert.Throws<ModelValidationException>(() => With(b => b.Input("u", "pM/day", 0, "u", 1, -1)).Build());
        Assert.Contains("Input 'u' has invalid bounds [1, -1]", reversed.Message);
        var nan = Assert.Throws<ModelValidationException>(() => With(b => b.Input("u", "pM/day", 0, "u", double.NaN, 1)).Build());
        Assert.Contains("Input 'u' has invalid bounds [NaN, 1]", nan.Message);
        var outside = Assert.Throws<ModelValidationException>(() => With(b => b.Input("u", "pM/day", 5, "u", 0, 1)).Build());
        Assert.Contains("Input 'u' has default 5 outside its bounds [0, 1]", outside.Message);
        var model = With(b => b.Input("u", "pM/day", 0, "u", 0, double.PositiveInfinity)).Build();
        Assert.Equal((0.0, double.PositiveInfinity), (model.Input("u").LowerBound, model.Input("u").UpperBound));
        Assert.True(model.Input("u").IsBounded);
        var unbounded = With(b => b.Input("u", "pM/day", 0, "u")).Build();
        Assert.False(unbounded.Input("u").IsBounded);
        Assert.NotEqual(model.ContentHash, unbounded.ContentHash);
        Assert.Contains("input u unit=1.15740740741E-14 amount^1 length^-3 time^-1 default=0 lower=0 upper=Infinity", ModelFingerprint.CanonicalText(model).Split('\n'));
    }

    private static Model BoundedInputs()
    {
        var b = new ModelBuilder("bounded");
        var x = b.State("x", "pM", 1, "level");
        var k = b.Parameter("k", 0.1, "1/day", "loss", new Citation("test"), 0.01, 1);
        var prod = b.Input("prod", "pM/day", 0, "production", 0, 1e6);
        var sink = b.Input("sink", "pM/day", 0, "removal (negative) or addition", -0.1, 0.1);
        var rate = b.Input("rate", "pM/day", 0, "open-ended production", 0, double.PositiveInfinity);
        b.AddRate(x, "in", prod + sink + rate);
        b.AddRate(x, "loss", -(k * x));
        return b.Build();
    }

    [Fact]
    public void DiffListsChangedEntriesWithDefaultsUnitsAndSources()
    {
        var model = Pivonka.Value;
        var source = new Citation("Martin et al. 2019, Table 3", Doi: "10.1/example");
        var set = ParameterSet.Defaults(model)
            .With("beta_RANKL", 200, source)
            .With("P_PTH", 100)
            .With("D_PTH", 86, new Citation("re-checked against the paper"));
        var diff = set.Diff();
        Assert.Equal(new[] { "beta_RANKL", "D_PTH", "P_PTH" }.OrderBy(set.IndexOf), diff.Select(d => d.Name));
        var beta = diff.Single(d => d.Name == "beta_RANKL");
        Assert.Equal(QuantityKind.Parameter, beta.Kind);
        Assert.Equal(1.684196e2, beta.Default);
        Assert.Equal(200, beta.Value);
        Assert.Equal("pM/day", beta.Unit.ToString());
        Assert.Same(source, beta.Source);
        Assert.Equal("beta_RANKL: 168.4196 -> 200 pM/day (source: Martin et al. 2019, Table 3, doi:10.1/example)", beta.ToString());
        var pth = diff.Single(d => d.Name == "P_PTH");
        Assert.Equal(QuantityKind.Input, pth.Kind);
        Assert.Null(pth.Source);
        Assert.Equal(source, set.SourceOf("beta_RANKL"));
        Assert.Equal(model.Parameter("A_OCa").Source, set.SourceOf("A_OCa"));
        Assert.Null(set.SourceOf("P_PTH"));
        // An unchanged value with an attached source is listed (its provenance changed).
        Assert.Equal(86, diff.Single(d => d.Name == "D_PTH").Value);
    }

    [Fact]
    public void JsonRoundTripKeepsValuesBitExactUnitsAndSources()
    {
        var model = Pivonka.Value;
        var source = new Citation("Smith 2021", Doi: "10.5/x", Url: "https://example.org", CodePath: "org/repo file.py", Note: "rounded in the paper");
        var set = ParameterSet.Defaults(model)
            .With("D_OBp", 0.1 + 0.2, source)
            .With("K_A2", 1.0 / 29.3)
            .With("P_RANKL", Math.PI * 1000, new Citation("input protocol 7"));
        var json = set.ToJson();
        var back = ParameterSet.FromJson(model, json);
        foreach (var name in set.Names)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(set[name]), BitConverter.DoubleToInt64Bits(back[name]));
            Assert.Equal(set.AttachedSource(name), back.AttachedSource(name));
        }

        Assert.Equal(set.Diff(), back.Diff());
        Assert.Equal(json, back.ToJson());

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("osteoode-parameter-set", root.GetProperty("format").GetString());
        Assert.Equal("pivonka2008_test", root.GetProperty("model").GetString());
        Assert.Equal(model.ContentHash, root.GetProperty("modelHash").GetString());
        var dObp = root.GetProperty("parameters").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "D_OBp");
        Assert.Equal("1/day", dObp.GetProperty("unit").GetString());
        Assert.Equal(0.30000000000000004, dObp.GetProperty("value").GetDouble());
        Assert.Equal(2.674078e-1, dObp.GetProperty("default").GetDouble());
        Assert.Equal("differentiation rate of precursor osteoblasts", dObp.GetProperty("description").GetString());
        Assert.Equal("org/repo file.py", dObp.GetProperty("source").GetProperty("codePath").GetString());
        Assert.Equal(model.Parameter("D_OBp").LowerBound, dObp.GetProperty("lowerBound").GetDouble());
        Assert.Equal(model.Parameter("D_OBp").UpperBound, dObp.GetProperty("upperBound").GetDouble());
        var kA1 = root.GetProperty("parameters").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "K_A1");
        Assert.False(kA1.TryGetProperty("default", out _));
        Assert.Equal("Pivonka et al. 2008, Bone 43:249–263 (values as in public code)", kA1.GetProperty("source").GetProperty("text").GetString());

        var path = Path.Combine(Path.GetTempPath(), $"osteoode-params-{Guid.NewGuid():N}.json");
        try
        {
            set.Save(path);
            var loaded = ParameterSet.Load(model, path);
            Assert.Equal(set.ToVector(), loaded.ToVector());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void JsonLoadingValidatesModelNamesUnitsAndValues()
    {
        var model = Pivonka.Value;
        string File(string entries, string modelId = "pivonka2008_test") =>
            $$"""{ "format": "osteoode-parameter-set", "version": 1, "model": "{{modelId}}", {{entries}} }""";
        string Error(string json) => Assert.Throws<ArgumentException>(() => ParameterSet.FromJson(model, json)).Message;

        // A partial file changes only what it lists.
        var partial = ParameterSet.FromJson(model, File("""
            "parameters": [ { "name": "A_OCa", "value": 0.75, "unit": "1/day" } ],
            "inputs": [ { "name": "P_PTH", "value": 10, "unit": "pM/day" } ]
            """));
        Assert.Equal(["A_OCa", "P_PTH"], partial.Diff().Select(d => d.Name));

        Assert.StartsWith("The parameter-set file is for model 'lemaire2004' but is being loaded for model 'pivonka2008_test'.",
            Error(File("\"parameters\": []", "lemaire2004")), StringComparison.Ordinal);
        Assert.StartsWith("Model 'pivonka2008_test' has no parameter or input named 'A_0Ca'. Did you mean: A_OCa?",
            Error(File("""  "parameters": [ { "name": "A_0Ca", "value": 0.75, "unit": "1/day" } ] """)), StringComparison.Ordinal);
        Assert.StartsWith("'A_OCa': the file gives the unit '1/h' but the model declares 1/day; convert the value to 1/day and write that unit.",
            Error(File("""  "parameters": [ { "name": "A_OCa", "value": 0.03, "unit": "1/h" } ] """)), StringComparison.Ordinal);
        Assert.StartsWith("Parameter-set file: parameters[0] ('A_OCa') needs a \"unit\" text",
            Error(File("""  "parameters": [ { "name": "A_OCa", "value": 0.75 } ] """)), StringComparison.Ordinal);
        Assert.Equal("Parameter 'D_PTH' of model 'pivonka2008_test' = 1000 1/day is outside its allowed range [8.6, 860] 1/day. (Parameter 'json')",
            Error(File("""  "parameters": [ { "name": "D_PTH", "value": 1000, "unit": "1/day" } ] """)));
        Assert.StartsWith("Parameter-set file: 'P_PTH' is listed under \"parameters\" but is an input of the model; move it to \"inputs\".",
            Error(File("""  "parameters": [ { "name": "P_PTH", "value": 1, "unit": "pM/day" } ] """)), StringComparison.Ordinal);
        Assert.StartsWith("Parameter-set file: 'A_OCa' is listed more than once.",
            Error(File("""  "parameters": [ { "name": "A_OCa", "value": 0.7, "unit": "1/day" }, { "name": "A_OCa", "value": 0.7, "unit": "1/day" } ] """)),
            StringComparison.Ordinal);
        Assert.StartsWith("Parameter-set file: not valid JSON", Error("{ \"model\": "), StringComparison.Ordinal);
        Assert.StartsWith("Parameter-set file: \"model\" (the model id) is missing", Error("{ }"), StringComparison.Ordinal);
        Assert.StartsWith("Parameter-set file: \"version\" must be 1", Error("{ \"version\": 2, \"model\": \"pivonka2008_test\" }"), StringComparison.Ordinal);

        // Equal units written differently are the same unit.
        var same = ParameterSet.FromJson(model, File("""  "parameters": [ { "name": "R_RANKL", "value": 3e6, "unit": "1" } ] """));
        Assert.Equal(3e6, same["R_RANKL"]);
    }

    [Fact]
    public void ParameterSetBelongsToItsModelOrAnIdenticalRebuild()
    {
        var a = Infusion();
        var rebuilt = Infusion();
        var different = InfusionBuilder(kValue: 0.2).Build();
        var set = ParameterSet.Defaults(a);
        Assert.True(set.IsFor(a));
        Assert.True(set.IsFor(rebuilt));
        Assert.False(set.IsFor(different));
        var r = Simulation.Run(new SimulationRequest(rebuilt, 1) { Parameters = set.With("k", 0.3), OutputTimes = [1] }).EnsureSuccess();
        Check.Close(Math.Exp(-0.3), r["x"][0], 1e-5);
    }
}

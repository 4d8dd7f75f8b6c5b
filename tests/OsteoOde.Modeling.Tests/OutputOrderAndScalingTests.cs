using OsteoOde.Modeling;
using OsteoOde.Numerics;
using static OsteoOde.Modeling.Tests.SimulationTestModels;

namespace OsteoOde.Modeling.Tests;

/// <summary>Declared output order of observables, and multiplicative state changes at exact times (<see cref="Dose.Scale"/>).</summary>
public class OutputOrderAndScalingTests
{
    private static ModelBuilder ThreeObservables()
    {
        var b = InfusionBuilder();
        b.Observable("x_half", 0.5 * ModelBuilder.Ref("x"), "half the level", "pM");
        return b;
    }

    [Fact]
    public void ListedObservablesComeFirstInTheGivenOrderAndTheRestFollow()
    {
        var declared = ThreeObservables().Build();
        Assert.Equal(["net", "x_double", "x_half"], declared.Observables.Select(o => o.Name));

        var ordered = ThreeObservables().OrderObservables(["x_half", "net"]).Build();
        Assert.Equal(["x_half", "net", "x_double"], ordered.Observables.Select(o => o.Name));
        Assert.Equal(declared.Assignments.Select(a => a.Name), ordered.Assignments.Select(a => a.Name));

        // The columns, the compiled observables and the content hash follow the order.
        var r = Simulation.Run(new SimulationRequest(ordered, 5) { OutputTimes = [0, 5], Solver = Tight });
        Assert.Equal(["t", "age", "x", "x_half", "net", "x_double"], r.ColumnNames);
        Assert.Equal(0.5 * r["x"][1], r["x_half"][1], 15);
        Assert.Equal(2 * r["x"][1], r["x_double"][1], 15);
        Assert.NotEqual(declared.ContentHash, ordered.ContentHash);
        Assert.Equal(declared.ContentHash, ThreeObservables().OrderObservables(["net", "x_double"]).Build().ContentHash);
        Assert.Contains("observable_order x_half,net,x_double", ModelFingerprint.CanonicalText(ordered), StringComparison.Ordinal);
    }

    [Fact]
    public void TheOrderSurvivesAnSbmlRoundTrip()
    {
        var ordered = ThreeObservables().OrderObservables(["x_half", "net"]).Build();
        var xml = OsteoOde.Modeling.Sbml.SbmlExporter.Export(ordered);
        Assert.Contains("observableOrder", xml, StringComparison.Ordinal);
        var imported = OsteoOde.Modeling.Sbml.SbmlImporter.Import(xml).Model;
        Assert.Equal(["x_half", "net", "x_double"], imported.Observables.Select(o => o.Name));
        Assert.Equal(ordered.ContentHash, imported.ContentHash);
        Assert.DoesNotContain("observableOrder", OsteoOde.Modeling.Sbml.SbmlExporter.Export(ThreeObservables().Build()), StringComparison.Ordinal);
    }

    [Fact]
    public void BadOrderNamesAreReportedByBuild()
    {
        var ex = Assert.Throws<ModelValidationException>(() => ThreeObservables().OrderObservables(["net", "nett", "x", "net"]).Build());
        Assert.Contains("OrderObservables: 'nett' is not an assignment", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'net'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("OrderObservables: 'net' is listed twice", ex.Message, StringComparison.Ordinal);
        var notObservable = new ModelBuilder("m");
        var y = notObservable.State("y", "1", 1, "level");
        notObservable.AddRate(y, "loss", -y * Expr.Quantity(1, "1/day"));
        notObservable.Assign("half", 0.5 * y, "half", "1");
        Assert.Contains("'half' is not an observable", Assert.Throws<ModelValidationException>(() => notObservable.OrderObservables(["half"]).Build()).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ScalingsMultiplyTheStateAtExactTimes()
    {
        // x' = −k x with k = 0.1, x(0) = 1; x → 0.4·x at t = 3 and t = 7 (exact actions): x(10) = 0.16·e^{−1}.
        var model = Infusion();
        var r = Simulation.Run(new SimulationRequest(model, 10)
        {
            Parameters = ParameterSet.Defaults(model).With("A", 0.01),
            Doses = [Dose.Scale("x", 0.4, 3), Dose.Scale("x", 0.4, 7, "kill")],
            OutputTimes = [0, 3, 7, 9.5],
            Solver = Tight,
        }).EnsureSuccess();
        // The model's own bolus (A = 0.01 at t = 10) is beyond the last output.
        var at3 = 0.4 * Math.Exp(-0.3);
        Check.Close(at3, r["x"][1], 1e-11, 0, "right after the first scaling");
        Check.Close(0.4 * at3 * Math.Exp(-0.4), r["x"][2], 1e-11, 0, "right after the second");
        Check.Close(0.16 * Math.Exp(-0.95), r["x"][3], 1e-11, 0, "after both");
        Assert.Equal([3.0, 7.0], r.Events.Where(e => e.Name is "scale x" or "kill").Select(e => e.Time));
        Assert.Equal(0.4, r.Metadata.Doses[0].Factor);

        // A plain dose is Factor 1 (unchanged behaviour); factor and amount combine as x := f·x + a.
        Assert.Equal(1, new Dose("x", 2, 1).Factor);
        var both = Simulation.Run(new SimulationRequest(model, 1)
        {
            Doses = [new Dose("x", 2, 0.5) { Factor = 0.5 }],
            OutputTimes = [0.5],
            Solver = Tight,
        }).EnsureSuccess();
        Check.Close((0.5 * Math.Exp(-0.05)) + 2, both["x"][0], 1e-11, 0, "x := 0.5·x + 2");
    }

    [Fact]
    public void NegativeOrNonFiniteFactorsAreRejectedBeforeAnyWork()
    {
        var model = Infusion();
        foreach (var factor in new[] { -0.1, double.NaN, double.PositiveInfinity })
        {
            var ex = Assert.Throws<ArgumentException>(() => Simulation.Run(new SimulationRequest(model, 5) { Doses = [Dose.Scale("x", factor, 1)] }));
            Assert.Contains("the factor", ex.Message, StringComparison.Ordinal);
            Assert.Contains("scale x", ex.Message, StringComparison.Ordinal);
        }
    }
}

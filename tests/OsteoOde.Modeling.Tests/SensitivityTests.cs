using OsteoOde.Modeling;
using OsteoOde.Numerics;
using static OsteoOde.Modeling.Tests.SimulationTestModels;

namespace OsteoOde.Modeling.Tests;

public class SensitivityTests
{
    private static readonly double[] Times = [0, 5, 10, 15, 20, 30, 50];

    private static OdeOptions Stiff(string method) => new() { Method = method, RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-14 };

    /// <summary>x = x0 e^(−kt) + A e^(−k(t−10)) [t ≥ 10] + A e^(−k(t−20)) [t ≥ 20]; derivatives by x0, k, A in closed form.</summary>
    [Theory]
    [InlineData("radau5")]
    [InlineData("rodas5p")]
    [InlineData("dop853")]
    public void Decay_with_doses_matches_the_closed_form(string method)
    {
        var model = Infusion();
        var result = Sensitivity.Run(new SensitivityRequest(new SimulationRequest(model, 50) { OutputTimes = Times, Solver = Stiff(method) },
            ["x0", "k", "A"]) { ParametersPerRun = 2 });
        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(2, result.Runs);
        const double x0 = 1, k = 0.1, a = 0.5;
        for (var r = 0; r < Times.Length; r++)
        {
            var t = Times[r];
            var dx0 = Math.Exp(-k * t);
            var dk = -t * x0 * Math.Exp(-k * t);
            var dA = 0.0;
            var x = x0 * Math.Exp(-k * t);
            foreach (var td in new[] { 10.0, 20.0 })
            {
                if (t >= td)
                {
                    x += a * Math.Exp(-k * (t - td));
                    dk += -(t - td) * a * Math.Exp(-k * (t - td));
                    dA += Math.Exp(-k * (t - td));
                }
            }

            Assert.Equal(x, result.Value(r, result.OutputIndex("x")), 1e-9);
            Assert.Equal(dx0, result.Absolute(r, "x", "x0"), 1e-8);
            Assert.Equal(dk, result.Absolute(r, "x", "k"), 1e-7);
            Assert.Equal(dA, result.Absolute(r, "x", "A"), 1e-8);

            // Observables by the chain rule: x_double = 2x, net = u − k x (u = 0).
            Assert.Equal(2 * dk, result.Absolute(r, "x_double", "k"), 1e-7);
            Assert.Equal(-x - (k * dk), result.Absolute(r, "net", "k"), 1e-8);
            Assert.Equal(k * dk / x, result.Normalised(r, "x", "k"), 1e-7);
        }
    }

    /// <summary>Pre-equilibrated x = u/k (u = 2): dx/dk = −u/k² at t = 0 (implicit function theorem), and a scale dose x → x/2 at t = 15 halves S.</summary>
    [Fact]
    public void Pre_equilibration_and_scale_doses()
    {
        var model = Infusion();
        const double k = 0.1, u = 2, a = 0.5;
        var set = ParameterSet.Defaults(model).With("u", u);
        var request = new SimulationRequest(model, 50)
        {
            Parameters = set,
            OutputTimes = Times,
            PreEquilibration = new SteadyStateOptions(),
            Doses = [Dose.Scale("x", 0.5, 15)],
            Solver = Stiff("radau5"),
        };
        var result = Sensitivity.Run(new SensitivityRequest(request, ["k", "x0"]));
        Assert.True(result.IsSuccess, result.Message);

        // x(t) = u/k + A e^(−k(t−10)) on [10, 15); after the halving at 15 the deviation from u/k relaxes: solve piecewise.
        static (double X, double Dk) Exact(double t)
        {
            double x = u / k, dk = -u / (k * k);
            if (t < 10)
            {
                return (x, dk);
            }

            // From 10: x = u/k + d e^(−k(t−10)), d = A.
            double Seg(double d, double from, double time) => (u / k) + (d * Math.Exp(-k * (time - from)));
            double SegDk(double d, double dd, double from, double time) =>
                (-u / (k * k)) + (dd * Math.Exp(-k * (time - from))) - (d * (time - from) * Math.Exp(-k * (time - from)));
            if (t < 15)
            {
                return (Seg(a, 10, t), SegDk(a, 0, 10, t));
            }

            var x15 = 0.5 * Seg(a, 10, 15);
            var dk15 = 0.5 * SegDk(a, 0, 10, 15);
            var d1 = x15 - (u / k);
            var dd1 = dk15 + (u / (k * k));
            if (t < 20)
            {
                return (Seg(d1, 15, t), SegDk(d1, dd1, 15, t));
            }

            var x20 = Seg(d1, 15, 20) + a;
            var dk20 = SegDk(d1, dd1, 15, 20);
            return (Seg(x20 - (u / k), 20, t), SegDk(x20 - (u / k), dk20 + (u / (k * k)), 20, t));
        }

        for (var r = 0; r < Times.Length; r++)
        {
            var (x, dk) = Exact(Times[r]);
            Assert.Equal(x, result.Value(r, result.OutputIndex("x")), 1e-8);
            Assert.Equal(dk, result.Absolute(r, "x", "k"), 1e-6);
            Assert.Equal(0, result.Absolute(r, "x", "x0"));
        }
    }

    /// <summary>x' = −a t x, y' = a t x, x(0) = 1, y(0) = 0: x = e^(−a t²/2), dx/da = −t²/2·x, dy/da = −dx/da; normalised sum rule of the conserved total.</summary>
    [Fact]
    public void Time_dependent_linear_system()
    {
        var b = new ModelBuilder("tlin");
        var a = b.Parameter("a", 0.3, "1/day^2", "rate slope", Src, 0.001, 10);
        var x = b.State("x", "1", 1, "x");
        var y = b.State("y", "1", 0, "y");
        var flux = a * Expr.Time * x;
        b.AddRate(x, "out", -flux);
        b.AddRate(y, "in", flux);
        var model = b.Build();
        double[] times = [0, 0.5, 1, 2, 3];
        var result = Sensitivity.Run(new SensitivityRequest(new SimulationRequest(model, 3) { OutputTimes = times, Solver = Stiff("radau5") }, ["a"]));
        Assert.True(result.IsSuccess, result.Message);
        for (var r = 0; r < times.Length; r++)
        {
            var t = times[r];
            var xs = Math.Exp(-0.3 * t * t / 2);
            Assert.Equal(-t * t / 2 * xs, result.Absolute(r, "x", "a"), 1e-9);
            Assert.Equal(t * t / 2 * xs, result.Absolute(r, "y", "a"), 1e-9);
        }
    }

    /// <summary>y' = −k max(0, y − 1) − c, y(0) = 2: after the kink t* = ln((k + c)/c)/k, y = 1 − c(t − t*); S is continuous across the kink.</summary>
    [Fact]
    public void Sensitivities_through_a_continuous_mode_switch()
    {
        var b = new ModelBuilder("kinkp");
        var k = b.Parameter("k", 1, "1/day", "relaxation", Src, 0.01, 10);
        var c = b.Parameter("c", 0.1, "1/day", "drain", Src, 0.001, 10);
        var y = b.State("y", "1", 2, "level", nonNegative: false);
        b.AddRate(y, "relaxation", -(k * Expr.Max(0, y - 1)));
        b.AddRate(y, "drain", -c);
        var model = b.Build();
        double[] times = [1, 2, 3, 4];
        var result = Sensitivity.Run(new SensitivityRequest(new SimulationRequest(model, 4) { OutputTimes = times, Solver = Stiff("radau5") }, ["k", "c"]));
        Assert.True(result.IsSuccess, result.Message);
        Assert.Empty(result.Notes);
        const double kv = 1, cv = 0.1;
        var tStar = Math.Log((kv + cv) / cv) / kv;
        var dtdc = ((1 / (kv + cv)) - (1 / cv)) / kv;
        var dtdk = ((kv / (kv + cv)) - Math.Log((kv + cv) / cv)) / (kv * kv);
        for (var r = 0; r < times.Length; r++)
        {
            var t = times[r];
            double dk, dc;
            if (t < tStar)
            {
                // y = 1 + (1 + c/k) e^(−kt) − c/k
                var e = Math.Exp(-kv * t);
                dk = (-cv / (kv * kv) * e) - ((1 + (cv / kv)) * t * e) + (cv / (kv * kv));
                dc = (e / kv) - (1 / kv);
            }
            else
            {
                dk = cv * dtdk;
                dc = -(t - tStar) + (cv * dtdc);
            }

            Assert.Equal(dk, result.Absolute(r, "y", "k"), 1e-8);
            Assert.Equal(dc, result.Absolute(r, "y", "c"), 1e-8);
        }
    }

    /// <summary>
    /// y' = −c for y &gt; 1, −c/2 below: the rate jumps at the crossing (t* = 1/c), so S jumps by (f⁻ − f⁺)·dt*/dc, which is
    /// not applied; the result says so in its notes. Before the crossing S is exact (dy/dc = −t).
    /// </summary>
    [Fact]
    public void A_discontinuous_crossing_is_noted()
    {
        var b = new ModelBuilder("jump");
        var c = b.Parameter("c", 1, "1/day", "drain", Src, 0.01, 10);
        var y = b.State("y", "1", 2, "level", nonNegative: false);
        b.AddRate(y, "drain", -Expr.If(Expr.Greater(y, 1), c, 0.5 * c));
        var model = b.Build();
        var result = Sensitivity.Run(new SensitivityRequest(new SimulationRequest(model, 1.5) { OutputTimes = [0.5, 1.5], Solver = Stiff("radau5") }, ["c"]));
        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(-0.5, result.Absolute(0, "y", "c"), 1e-9);
        var note = Assert.Single(result.Notes);
        Assert.Contains("jumps", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_an_argument_exception_naming_the_item()
    {
        var model = Infusion();
        var sim = new SimulationRequest(model, 10) { OutputTimes = [1, 2] };
        var unknown = Assert.Throws<ArgumentException>(() => Sensitivity.Run(new SensitivityRequest(sim, ["kk"])));
        Assert.Contains("'kk'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean: k", unknown.Message, StringComparison.Ordinal);
        var input = Assert.Throws<ArgumentException>(() => Sensitivity.Run(new SensitivityRequest(sim, ["u"])));
        Assert.Contains("input", input.Message, StringComparison.Ordinal);
        var output = Assert.Throws<ArgumentException>(() => Sensitivity.Run(new SensitivityRequest(sim, ["k"]) { Outputs = ["x_dbl"] }));
        Assert.Contains("x_double", output.Message, StringComparison.Ordinal);
        var tol = Assert.Throws<ArgumentException>(() => Sensitivity.Run(new SensitivityRequest(sim with { Solver = new OdeOptions { RelativeTolerance = 0 } }, ["k"])));
        Assert.Contains("Tolerance", tol.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<ArgumentException>(() => Sensitivity.Run(new SensitivityRequest(sim with { OutputTimes = null }, ["k"])));
        Assert.Throws<ArgumentException>(() => Sensitivity.Run(new SensitivityRequest(sim, ["k", "k"])));
    }

    [Fact]
    public void Numerical_failure_is_a_status()
    {
        var result = Sensitivity.Run(new SensitivityRequest(new SimulationRequest(BlowUp(), 2) { OutputTimes = [0.5, 2] }, ["x0"]));
        Assert.False(result.IsSuccess);
        Assert.NotEqual(SimulationStatus.Success, result.Status);
        Assert.NotEmpty(result.Message);
    }

    [Fact]
    public void Csv_is_long_with_round_trip_numbers()
    {
        var result = Sensitivity.Run(new SensitivityRequest(new SimulationRequest(Infusion(), 50) { OutputTimes = [5], Solver = Stiff("radau5") }, ["k"])
        {
            Outputs = ["x"],
        });
        var writer = new StringWriter();
        result.ToCsv(writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("t,output,parameter,value,sensitivity,normalised", lines[0]);
        var cells = lines[1].Split(',');
        Assert.Equal(["5", "x", "k"], cells[..3]);
        Assert.Equal(result.Absolute(0, "x", "k"), double.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture));
    }
}

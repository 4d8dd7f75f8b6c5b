using OsteoOde.Modeling;
using OsteoOde.Models.Aging;

namespace OsteoOde.Models.Tests.Aging;

/// <summary>
/// The Farr 2024 senolytic protocol (validation, not fitted): S → (1 − f_kill)·S at exact cycle starts from age 71; formation
/// (P1NP proxy) and resorption (CTX proxy) relative to the untreated control, compared with the prototype
/// (<c>farr2024_validation.csv</c>) and with the trial.
/// </summary>
public class SenolyticTests
{
    private static readonly double Start = AgingModel.TimeAt(AgingScenarios.SenolyticStartAge);

    private static (SimulationResult Treated, SimulationResult Control) Run(double killFraction)
    {
        var treatedScenario = ScenarioCatalog.Get(AgingModel.Id, "senolytic_farr2024");
        var treated = treatedScenario.CreateRequest() with { Doses = AgingScenarios.SenolyticDoses(killFraction: killFraction) };
        var control = ScenarioCatalog.Get(AgingModel.Id, "senolytic_farr2024_control").CreateRequest();
        return (Simulation.Run(treated).EnsureSuccess(), Simulation.Run(control).EnsureSuccess());
    }

    private static double AtDay(SimulationResult r, string column, double day)
    {
        var i = r.Times.ToList().IndexOf(Start + day);
        Assert.True(i >= 0, $"day {day} not on the grid");
        return r[column][i];
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(0.6)]
    public void MarkerResponsesEqualThePrototype(double killFraction)
    {
        var (treated, control) = Run(killFraction);
        var table = ReferenceTable.Load("farr2024_validation.csv");
        var rows = 0;
        for (var r = 0; r < table.RowCount; r++)
        {
            if (table.Number(r, "f_kill") != killFraction)
            {
                continue;
            }

            var day = table.Number(r, "day");
            var p1np = 100 * ((AtDay(treated, "formation", day) / AtDay(control, "formation", day)) - 1);
            var ctx = 100 * ((AtDay(treated, "resorption", day) / AtDay(control, "resorption", day)) - 1);
            // Percentage points: the prototype ran at rtol 1e-9; a relative state error of 1e-8 moves these by < 1e-5 points.
            Assert.Equal(table.Number(r, "p1np_change_vs_control_pct"), p1np, 4);
            Assert.Equal(table.Number(r, "ctx_change_vs_control_pct"), ctx, 4);
            // The prototype reports the state just before a kill at a cycle start (day 28); output here is right after it.
            var killedAt = day % AgingScenarios.SenolyticPeriod == 0 && day < AgingScenarios.SenolyticCycles * AgingScenarios.SenolyticPeriod;
            var burden = AtDay(treated, "senescent_burden", day) / (killedAt ? 1 - killFraction : 1);
            Check.Close(table.Number(r, "burden_treated"), burden, 1e-7, 0, $"treated burden day {day}");
            Check.Close(table.Number(r, "burden_control"), AtDay(control, "senescent_burden", day), 1e-7, 0, $"control burden day {day}");
            rows++;
        }

        Assert.Equal(5, rows);
    }

    [Fact]
    public void KillsHappenAtTheExactCycleStarts()
    {
        var (treated, control) = Run(0.4);
        var cycles = treated.Events.Where(e => e.Name.StartsWith("senolytic cycle", StringComparison.Ordinal)).ToArray();
        Assert.Equal([Start, Start + 28, Start + 56, Start + 84, Start + 112], cycles.Select(e => e.Time));
        // Output at a cycle start is right after the kill: 60 % of the untreated burden (same history up to that time).
        Check.Close(0.6 * AtDay(control, "S", 0), AtDay(treated, "S", 0), 1e-9, 0, "S right after the first kill");
        Assert.Equal(treated.Times, control.Times);
        Assert.Equal(SimulationStatus.Success, treated.Status);
    }

    [Fact]
    public void TheTrialsEarlyFormationRiseIsNotReproduced()
    {
        // Farr 2024: P1NP +16 % vs control at 2 and 4 weeks (band ±5); CTX not different at 20 weeks. The model gives the signs of
        // the early rise and of the unchanged CTX but not the size or persistence (README "Farr 2024 validation").
        var (treated, control) = Run(0.4);
        double Change(string c, double day) => 100 * ((AtDay(treated, c, day) / AtDay(control, c, day)) - 1);
        Assert.InRange(Change("formation", 7), 0, 5);
        Assert.True(Change("formation", 14) < 16 - 5, "P1NP at 2 weeks now within the trial band: update the README");
        Assert.True(Change("formation", 28) < 16 - 5);
        Assert.InRange(Change("resorption", 140), -2, 2);
    }

    [Fact]
    public void BadKillFractionIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => AgingScenarios.SenolyticDoses(killFraction: 1));
        Assert.Equal("killFraction", ex.ParamName);
        var bad = ScenarioCatalog.Get(AgingModel.Id, "senolytic_farr2024").CreateRequest() with { Doses = [Dose.Scale("S", -0.5, 10)] };
        Assert.Contains("factor", Assert.Throws<ArgumentException>(() => Simulation.Run(bad)).Message, StringComparison.Ordinal);
    }
}

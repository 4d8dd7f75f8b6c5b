using OsteoOde.Modeling;
using OsteoOde.Models.Aging;

namespace OsteoOde.Models.Tests.Aging;

/// <summary>
/// The C# lifetime model against the independent scipy prototype (tests/OsteoOde.Testing/Data/aging, aging.py), column by
/// column at every age 25…90, for every reference variant of both sexes.
/// <para>
/// Tolerance: |C# − ref| ≤ 1e-7·|ref| + 1e-12 (prototype SPEC §9; the 1e-12 floor covers quantities that are 0 at age 25 such
/// as P_RANKL_ev and P_RANKL_est). The T-score is a difference, (bmd − 0.858)/0.120, so a relative BMD error ε becomes an
/// absolute T-score error of ε·0.858/0.120: it is compared with the tolerance propagated from BMD, 1e-7·7.15 absolute.
/// Measured agreement: 1.5e-9 relative at worst (the reference's own LSODA-vs-Radau spread is 4.8e-10).
/// </para>
/// </summary>
public class ReferenceTrajectoryTests
{
    private const double Relative = 1e-7;
    private const double Floor = 1e-12;

    public static TheoryData<Sex, string> Variants()
    {
        var data = new TheoryData<Sex, string>();
        foreach (var sex in new[] { Sex.Female, Sex.Male })
        {
            foreach (var v in AgingRuns.Variants.Where(v => sex == Sex.Female || v != "no_estrogen"))
            {
                data.Add(sex, v);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void EveryColumnMatchesThePrototypeAtEveryAge(Sex sex, string variant)
    {
        var reference = ReferenceTable.Load($"ref_{AgingRuns.SexName(sex)}_{variant}.csv");
        var result = AgingRuns.LifeCourse(AgingRuns.Configuration(sex, variant));
        Assert.Equal(reference.RowCount, result.RowCount);
        var compared = 0;
        var worst = 0.0;
        foreach (var column in reference.Header.Where(result.HasColumn))
        {
            var expected = reference.Column(column);
            var actual = result[column];
            var absolute = column == "t_score_fn" ? Relative * 0.858 / 0.120 : Floor;
            for (var i = 0; i < expected.Length; i++)
            {
                var tolerance = (Relative * Math.Abs(expected[i])) + absolute;
                var error = Math.Abs(actual[i] - expected[i]);
                worst = Math.Max(worst, error / ((Math.Abs(expected[i]) * Relative) + absolute) * Relative);
                Assert.True(error <= tolerance, $"{variant} {sex} {column} at age {25 + i}: C# {actual[i]:R}, prototype {expected[i]:R} (|Δ| {error:E2} > {tolerance:E2})");
            }

            compared++;
        }

        // The prototype's trajectory-level markers: formation and resorption relative to age 30.
        foreach (var (marker, flux) in new[] { ("p1np_rel30", "formation"), ("ctx_rel30", "resorption") })
        {
            var at30 = AgingRuns.At(result, flux, 30);
            var expected = reference.Column(marker);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs((result[flux][i] / at30) - expected[i]) <= Relative * Math.Abs(expected[i]), $"{marker} at age {25 + i}");
            }
        }

        Assert.True(compared >= 20, $"only {compared} columns compared");
        Assert.True(worst <= Relative);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void ColumnsOfSwitchedOffModulesAreAbsentHereAndConstantInThePrototype(Sex sex, string variant)
    {
        // "Off" in C# removes the module's states and observables; the prototype keeps them frozen at their age-25 values.
        var reference = ReferenceTable.Load($"ref_{AgingRuns.SexName(sex)}_{variant}.csv");
        var result = AgingRuns.LifeCourse(AgingRuns.Configuration(sex, variant));
        foreach (var column in reference.Header.Where(c => !result.HasColumn(c) && c is not ("p1np_rel30" or "ctx_rel30")))
        {
            var values = reference.Column(column);
            Assert.All(values, v => Assert.True(Math.Abs(v - values[0]) <= 1e-12 * Math.Max(1, Math.Abs(values[0])),
                $"{variant} {sex}: {column} is absent in C# but varies in the prototype ({values[0]:R} → {v:R})"));
        }
    }

    [Fact]
    public void TheDefaultRunHasTheFullOutputContract()
    {
        var female = AgingRuns.LifeCourse(AgingConfiguration.Default(Sex.Female));
        string[] expected = ["t", "age", .. AgingModel.StateOrder, .. AgingModel.ObservableOrder, "PTH", "RANKL_RANK", "pi_act_OCp"];
        Assert.Equal(expected, female.ColumnNames);
        var reference = ReferenceTable.Load("ref_female_all_on.csv");
        Assert.Equal(reference.Header.Take(reference.Header.Count - 2), female.ColumnNames.Take(reference.Header.Count - 2));

        var male = AgingRuns.LifeCourse(AgingConfiguration.Default(Sex.Male));
        Assert.Equal(expected.Where(c => c is not ("EST" or "P_RANKL_est")), male.ColumnNames);
        Assert.Equal(ColumnKind.TimeColumn, female.Column("age").Kind);
        Assert.Equal(Unit.Parse("year"), female.Column("age").Unit);
        Assert.Equal(Unit.Parse("g/cm^2"), female.Column("bmd_fn").Unit);
        Assert.Equal(Unit.Parse("vesicles/mL"), female.Column("ev_plasma").Unit);
        for (var i = 0; i < female.RowCount; i++)
        {
            Assert.Equal(25.0 + i, female["age"][i], 12);
            Assert.Equal(i * 365.25, female.Times[i]);
        }
    }
}

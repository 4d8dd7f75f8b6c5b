using OsteoOde.Models.Aging;

namespace OsteoOde.Models.Tests.Aging;

/// <summary>Stochastic cohorts (Karin's noise term on S, Euler–Maruyama): deterministic limit, the S path, reproducibility.</summary>
public class CohortTests
{
    private static readonly double[] Ages = [25, 40, 55, 60];

    [Fact]
    public void WithoutNoiseAPersonIsTheDeterministicModel()
    {
        var cohort = AgingCohort.Run(AgingConfiguration.Default(Sex.Female), new CohortOptions { Paths = 1, Step = 0.1, Ages = Ages });
        var ode = AgingRuns.LifeCourse(AgingConfiguration.Default(Sex.Female));
        for (var j = 0; j < Ages.Length; j++)
        {
            // Explicit Euler, step 0.1 day: first-order error, well below 1e-4 relative on these slow quantities.
            Check.Close(AgingRuns.At(ode, "bmd_fn", Ages[j]), cohort.Values[0][0][j], 1e-4, 0, $"bmd at {Ages[j]}");
            Check.Close(AgingRuns.At(ode, "S", Ages[j]), cohort.Values[0][2][j], 1e-4, 0, $"S at {Ages[j]}");
        }
    }

    [Fact]
    public void ThePersonsSenescencePathIsKarinsStochasticPath()
    {
        // The bone does not feed back on S, so S of person 0 is the SR path with the same seed and step.
        var configuration = AgingConfiguration.Default(Sex.Male).With("eps_sen", 0.02);
        var cohort = AgingCohort.Run(configuration, new CohortOptions { Paths = 3, Seed = 11, Step = 0.1, Ages = Ages, Columns = ["S", "bmd_fn"] });
        var path = Karin.SamplePaths(0.00135, 0.15, 0.5, 0.02, Ages, paths: 1, seed: 11, dt: 0.1);
        for (var j = 0; j < Ages.Length; j++)
        {
            Check.Close(path[0, j], cohort.Values[0][0][j], 1e-12, 0, $"S at {Ages[j]}");
        }

        // People differ; the same seed gives the same cohort whatever the parallelism.
        Assert.NotEqual(cohort.Values[0][0][3], cohort.Values[1][0][3]);
        var again = AgingCohort.Run(configuration, new CohortOptions { Paths = 3, Seed = 11, Step = 0.1, Ages = Ages, Columns = ["S", "bmd_fn"], MaxDegreeOfParallelism = 1 });
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(cohort.Values[k][1], again.Values[k][1]);
        }

        Assert.StartsWith("age,column,mean,p10,median,p90\n25,S,", cohort.SummaryCsv(), StringComparison.Ordinal);
        Assert.True(cohort.Quantile("S", 0.9)[3] >= cohort.Quantile("S", 0.1)[3]);
    }

    [Fact]
    public void BadCohortSettingsAreRejected()
    {
        var c = AgingConfiguration.Default(Sex.Male);
        Assert.Throws<ArgumentException>(() => AgingCohort.Run(c, new CohortOptions { Step = 1 }));
        Assert.Throws<ArgumentException>(() => AgingCohort.Run(c, new CohortOptions { Ages = [30, 25] }));
        Assert.Contains("'bmd'", Assert.Throws<ArgumentException>(() => AgingCohort.Run(c, new CohortOptions { Columns = ["bmd"] })).Message, StringComparison.Ordinal);
        Assert.Contains("senescence", Assert.Throws<ArgumentException>(() =>
            AgingCohort.Run(new AgingConfiguration(AgingOptions.Male.Without(AgingModel.Senescence)))).Message, StringComparison.Ordinal);
    }
}

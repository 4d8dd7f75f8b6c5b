using OsteoOde.Analysis.Attribution;
using OsteoOde.Models.Aging;

namespace OsteoOde.Cli.Tests;

/// <summary><c>osteo attribute</c> against the Analysis library's attribution.</summary>
public class AttributeTests
{
    [Fact]
    public void Csv_holds_both_decompositions_and_the_shapley_values_sum_to_the_total()
    {
        var run = Cli.Run("attribute", "--format", "csv").AssertSuccess();
        var records = Csv.Records(run.Out);
        Assert.Equal(["sex", "age", "mechanism", "shapley_pts", "shapley_share", "one_off_pts", "one_off_share"], records[0]);
        var rows = records.Skip(1).ToList();
        Assert.Equal((3 * 6) + (3 * 5), rows.Count);   // women: 5 mechanisms + total per age; men: 4 + total

        foreach (var sex in new[] { Sex.Female, Sex.Male })
        {
            var label = sex == Sex.Female ? "female" : "male";
            var library = AgingAttribution.Run(sex);
            Assert.True(library.IsComplete);
            var mechanisms = AgingMechanisms.For(sex).Select(m => m.Name).ToList();
            for (var k = 0; k < 3; k++)
            {
                var age = AgingAttribution.DefaultAges[k];
                var block = rows.Where(r => r[0] == label && Csv.Number(r[1]) == age).ToList();
                Assert.Equal([.. mechanisms, "total"], block.Select(r => r[2]));
                var total = Csv.Number(block[^1][3]);
                Assert.Equal(library.Total[k], total);
                Assert.Equal("1", block[^1][4]);

                // Efficiency: the Shapley values add up to the total (within 1e-9 relative).
                var shapleySum = block.Take(mechanisms.Count).Sum(r => Csv.Number(r[3]));
                Assert.True(Math.Abs(shapleySum - total) <= 1e-9 * total, $"{label} {age}: Shapley sum {shapleySum} vs total {total}");

                // Every value is the library's; the total row's one-off column is the sum of the one-off values.
                var oneOffSum = 0.0;
                foreach (var (row, name) in block.Zip(mechanisms))
                {
                    Assert.Equal(library.Shapley(name)[k], Csv.Number(row[3]));
                    Assert.Equal(library.Shapley(name)[k] / library.Total[k], Csv.Number(row[4]));
                    Assert.Equal(library.OneAtATime(name)[k], Csv.Number(row[5]));
                    Assert.Equal(library.OneAtATime(name)[k] / library.Total[k], Csv.Number(row[6]));
                    oneOffSum += library.OneAtATime(name)[k];
                }

                Assert.Equal(oneOffSum, Csv.Number(block[^1][5]), 12);
                Assert.True(oneOffSum > total);   // the lifetime model's mechanisms are mildly super-additive (Aging README)
            }
        }

        // Aging README, women at 70: total 22.93 points, estrogen 12.47 (Shapley), one-off sum 24.36.
        var women70 = rows.Where(r => r[0] == "female" && r[1] == "70").ToDictionary(r => r[2]);
        Assert.Equal(22.93, Csv.Number(women70["total"][3]), 2);
        Assert.Equal(12.47, Csv.Number(women70["estrogen"][3]), 2);
        Assert.Equal(24.36, Csv.Number(women70["total"][5]), 2);
    }

    [Fact]
    public void Markdown_names_the_mechanisms_and_says_which_decomposition_sums()
    {
        using var temp = new TempFolder();
        var run = Cli.Run("attribute", "--sex", "male", "--ages", "65,85", "--out", temp.File("men.md")).AssertSuccess();
        Assert.Equal("", run.Out);
        Assert.Equal(["men.md"], temp.Files);
        var text = File.ReadAllText(temp.File("men.md"));
        Assert.Contains("| sex | age | mechanism | Shapley [pts] | Shapley share | one-off [pts] | one-off share |", text);
        Assert.DoesNotContain("estrogen", text);   // men have no estrogen module
        Assert.Contains("| male | 65 | osteo-inhibitory microRNAs |", text);
        Assert.Contains("| male | 85 | total (one-off column: their sum) |", text);
        Assert.Contains("add up to the total v(all) − v(none) by", text);
        Assert.Contains("The one-off values v(all) − v(all but one) do not", text);

        var library = AgingAttribution.Run(Sex.Male, [65, 85]);
        Assert.Contains($"| male | 85 | soluble SASP | {library.Shapley("soluble_sasp")[1]:0.00} | {100 * library.Shapley("soluble_sasp")[1] / library.Total[1]:0.0} % | {library.OneAtATime("soluble_sasp")[1]:0.00} |", text);
    }

    [Theory]
    [InlineData("--ages", "20", "osteo attribute: --ages: 20 lies outside (25, 90] years")]
    [InlineData("--ages", "60,,70", "osteo attribute: --ages: entry 2 of '60,,70' is empty")]
    [InlineData("--ages", "60,sixty", "osteo attribute: --ages: 'sixty' is not a finite number")]
    [InlineData("--ages", "70,70", "osteo attribute: --ages: 70 is given more than once.")]
    [InlineData("--sex", "f", "osteo attribute: --sex: unknown value 'f'. Valid values")]
    [InlineData("--format", "json", "osteo attribute: --format: unknown value 'json'")]
    public void Bad_input_exits_with_2(string option, string value, string expected)
    {
        using var temp = new TempFolder();
        Assert.StartsWith(expected, Cli.Run("attribute", option, value, "--out", temp.File("a.csv")).AssertUsageError());
        Assert.Empty(temp.Files);
    }
}

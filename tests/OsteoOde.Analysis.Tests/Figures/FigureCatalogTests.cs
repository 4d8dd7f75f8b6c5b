using System.Text.RegularExpressions;
using OsteoOde.Analysis.Figures;
using OsteoOde.Modeling;
using OsteoOde.Numerics;

namespace OsteoOde.Analysis.Tests.Figures;

public class FigureCatalogTests
{
    public static TheoryData<string> Names => new(FigureCatalog.Names);

    [Fact]
    public void Names_are_unique_file_stems_and_unknown_names_list_every_figure_nearest_first()
    {
        Assert.Equal(FigureCatalog.Names.Count, FigureCatalog.Names.Distinct().Count());
        Assert.All(FigureCatalog.Names, n => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", n));
        var e = Assert.Throws<ArgumentException>(() => FigureCatalog.Get("lemaire-protocol"));
        Assert.StartsWith("Unknown figure 'lemaire-protocol'. Figures (nearest first): lemaire-protocols, ", e.Message);
        Assert.All(FigureCatalog.Names, n => Assert.Contains(n, e.Message));
        Assert.Same(FigureCatalog.All[0], FigureCatalog.Get(FigureCatalog.Names[0]));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Data_records_models_hashes_solver_and_survives_csv_bit_for_bit(string name)
    {
        var definition = FigureCatalog.Get(name);
        var data = Computed.Get(name);
        Assert.Equal(name, data.Name);
        Assert.Equal(definition.ModelIds, data.Models.Select(m => m.Id).Distinct());
        Assert.All(data.Models, m => Assert.Matches("^[0-9a-f]{64}$", m.ContentHash));
        Assert.All(data.Models, m => Assert.Empty(m.ParameterChanges));
        Assert.Equal(definition.DefaultSolver, data.Solver);
        Assert.Empty(data.Seeds);
        Assert.NotEmpty(data.Sources);
        Assert.True(data.Table.RowCount > 5);

        var csv = data.Table.ToCsv();
        Assert.DoesNotContain("\r", csv);
        var back = DataTable.FromCsv(csv, definition.LabelColumns);
        Assert.Equal(data.Table.Names, back.Names);
        foreach (var column in data.Table.Columns)
        {
            Assert.Equal(column.IsText, back[column.Name].IsText);
            Assert.Equal(column.Unit, back[column.Name].Unit);
            if (column.IsText)
            {
                Assert.Equal(column.Texts, back[column.Name].Texts);
            }
            else
            {
                Assert.Equal(column.Numbers.Select(BitConverter.DoubleToInt64Bits), back[column.Name].Numbers.Select(BitConverter.DoubleToInt64Bits));
            }
        }

        var again = TableComparison.Compare(data.Table, back);
        Assert.True(again.Agrees);
        Assert.All(again.Columns, c => Assert.Equal(0, c.MaxAbsolute));
    }

    [Fact]
    public void Parameter_changes_and_solver_settings_are_applied_and_recorded()
    {
        var figure = FigureCatalog.Get("lemaire-protocols");
        var settings = new FigureSettings
        {
            Parameters = new Dictionary<string, double> { ["k_B"] = 0.18 },
            Solver = new OdeOptions { Method = "rodas5p", RelativeTolerance = 1e-9, AbsoluteTolerance = 1e-15 },
        };
        var data = figure.Compute(settings);
        var change = Assert.Single(data.Models[0].ParameterChanges);
        Assert.Equal(("k_B", 0.189, 0.18), (change.Name, change.Default, change.Value));
        Assert.Equal("rodas5p", data.Solver.Method);
        // A slower elimination of active osteoblasts raises their steady state.
        var b0 = data.Table.Where("protocol", "addR").Numbers("B")[0];
        Assert.True(b0 > Computed.Get("lemaire-protocols").Table.Where("protocol", "addR").Numbers("B")[0]);
        // The run starts at the new steady state: nothing moves before the window opens.
        var block = data.Table.Where("protocol", "addR");
        Close.Relative(block.Numbers("B")[0], block.Numbers("B")[20], 1e-9, "B steady before the window");

        var unknown = Assert.Throws<ArgumentException>(() => figure.Compute(new FigureSettings { Parameters = new Dictionary<string, double> { ["k_b"] = 1 } }));
        Assert.Contains("Figure 'lemaire-protocols'", unknown.Message);
        Assert.Contains("Did you mean: k_B", unknown.Message);
        var outside = Assert.Throws<ArgumentException>(() => figure.Compute(new FigureSettings { Parameters = new Dictionary<string, double> { ["I_P"] = -1 } }));
        Assert.Contains("Input 'I_P' of model 'lemaire2004' = -1 pM/day is outside its allowed range [0, 100000] pM/day", outside.Message);
    }
}

public class TableComparisonTests
{
    private static DataTable Table(double[] values, string label = "a") => new(
    [
        DataColumn.Text("case", ["a", label, "b"]),
        DataColumn.Numeric("t", "day", [0, 1, 2]),
        DataColumn.Numeric("x", "pM", values),
    ]);

    [Fact]
    public void Columns_agree_within_the_tolerance_times_their_scale_and_report_max_differences()
    {
        var reference = Table([1e-3, 2e-3, 0]);
        var same = TableComparison.Compare(reference, Table([1e-3, 2e-3, 0]));
        Assert.True(same.Agrees);

        // 1.9e-9 absolute on a column of scale 2e-3 is 9.5e-7 of the scale: agrees at 1e-6 though the zero entry moved.
        var near = TableComparison.Compare(reference, Table([1e-3, 2e-3, 1.9e-9]));
        Assert.True(near.Agrees);
        var x = near.Columns.Single(c => c.Name == "x");
        Assert.Equal((1.9e-9, 0.0, 2e-3), (x.MaxAbsolute, x.MaxRelative, x.Scale));

        var far = TableComparison.Compare(reference, Table([1.000003e-3, 2e-3, 0]));
        Assert.False(far.Agrees);
        var column = far.Columns.Single(c => c.Name == "x");
        Assert.False(column.Agrees);
        Assert.Equal(3e-6, column.MaxRelative, 9);
        Assert.True(far.Columns.Single(c => c.Name == "t").Agrees);
        Assert.True(TableComparison.Compare(reference, Table([1.000003e-3, 2e-3, 0]), tolerance: 1e-5).Agrees);
    }

    [Fact]
    public void Labels_structure_and_missing_values_are_checked_exactly()
    {
        var reference = Table([1, double.NaN, 2]);
        Assert.True(TableComparison.Compare(reference, Table([1, double.NaN, 2])).Agrees);
        var nan = TableComparison.Compare(reference, Table([1, 1, 2]));
        Assert.False(nan.Agrees);
        Assert.Equal(double.PositiveInfinity, nan.Columns.Single(c => c.Name == "x").MaxAbsolute);

        var label = TableComparison.Compare(reference, Table([1, double.NaN, 2], label: "z"));
        Assert.Equal("column 'case' row 2: 'z' where the reference has 'a'", Assert.Single(label.Problems));
        Assert.False(label.Agrees);

        var fewer = new DataTable([DataColumn.Numeric("t", "day", [0, 1]), DataColumn.Numeric("y", "pM", [1, 2])]);
        var shape = TableComparison.Compare(reference, fewer);
        Assert.Contains("columns missing from the new data: case, x", shape.Problems);
        Assert.Contains("columns not in the reference: y", shape.Problems);
        Assert.Contains("row count 2 differs from the reference's 3", shape.Problems);
        Assert.Throws<ArgumentOutOfRangeException>(() => TableComparison.Compare(reference, reference, 0));
    }

    [Fact]
    public void Csv_quotes_labels_with_commas_and_reads_missing_values_back()
    {
        var table = new DataTable([DataColumn.Text("label", ["a, b", "say \"hi\"", "1e3"]), DataColumn.Numeric("v", "%/yr", [1.5, double.NaN, -2e-300])]);
        var csv = table.ToCsv();
        Assert.Equal("label,v [%/yr]\n\"a, b\",1.5\n\"say \"\"hi\"\"\",\n1e3,-2E-300\n", csv);
        var back = DataTable.FromCsv(csv, ["label"]);
        Assert.Equal(table["label"].Texts, back["label"].Texts);
        Assert.True(double.IsNaN(back.Numbers("v")[1]));
        Assert.Equal(-2e-300, back.Numbers("v")[2]);
        Assert.Equal("%/yr", back["v"].Unit);
        var e = Assert.Throws<FormatException>(() => DataTable.FromCsv("a,b\n1\n"));
        Assert.Equal("CSV line 2 has 1 cells but the header has 2.", e.Message);
        Assert.Throws<ArgumentException>(() => DataColumn.Numeric("x", "", [double.PositiveInfinity]));
        Assert.Throws<ArgumentException>(() => DataColumn.Numeric("x [pM]", "", [1]));
    }
}

public class DataTableTests
{
    private static DataTable Ages() => new(
    [
        DataColumn.Text("sex", ["female", "female", "female", "male", "male", "male"]),
        DataColumn.Numeric("age", "year", [50, 60, 70, 50, 60, 70]),
        DataColumn.Numeric("t_score", "", [-0.3, -1.1, -1.6, 0.4, 0.2, 0.0]),
    ]);

    [Fact]
    public void Rows_are_selected_by_label_by_number_and_by_several_numbers_in_table_order()
    {
        var table = Ages();
        Assert.Equal([-1.1, 0.2], table.Where("age", 60).Numbers("t_score"));
        Assert.Equal(["female", "female", "male", "male"], table.Where("age", [70, 50]).Texts("sex"));
        Assert.Equal([50.0, 70, 50, 70], table.Where("age", [70, 50]).Numbers("age"));
        Assert.Equal([0.4, 0.2, 0.0], table.Where("sex", "male").Numbers("t_score"));
        Assert.Equal(["t_score", "sex"], table.Select("t_score", "sex").Names);
        Assert.Equal("No row has age = 65 (range 50 to 70). (Parameter 'value')", Assert.Throws<ArgumentException>(() => table.Where("age", 65)).Message);
        Assert.StartsWith("No row has age = 65 or 80 (range 50 to 70).", Assert.Throws<ArgumentException>(() => table.Where("age", [60, 65, 80])).Message);
        Assert.StartsWith("No row has sex = 'other'. Values: female, male.", Assert.Throws<ArgumentException>(() => table.Where("sex", "other")).Message);
        Assert.StartsWith("Column 'sex' holds labels, not numbers.", Assert.Throws<ArgumentException>(() => table.Where("sex", 1.0)).Message);
        Assert.StartsWith("The table has no column 'bmd'. Columns: sex, age, t_score.", Assert.Throws<ArgumentException>(() => table.Select("bmd")).Message);
    }
}

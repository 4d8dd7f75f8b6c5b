using System.Globalization;
using Deedle;

namespace OsteoOde.Plotting.Tests;

public class DeedleTests
{
    /// <summary>Values that break naive formatting: non-terminating binaries, extremes of the double range, a subnormal.</summary>
    private static SeriesTable Awkward() => new(
        Samples.Time,
        [0, 0.1 + 0.2, 1.0 / 3.0, Math.PI, 1e6 + 1e-9],
        [
            new NamedSeries("OBa", "pM", [1e-30, 2.0 / 3.0, 6.02214076e23, double.Epsilon, -0.0]),
            new NamedSeries("BMD", "g/cm²", [1.7976931348623157e308, -1.0 / 7.0, Math.E, 123456789.123456789, double.NaN]),
        ]);

    [Fact]
    public void Frame_is_indexed_by_time_with_one_column_per_series()
    {
        var table = Samples.Cells();
        var frame = table.ToFrame();

        Assert.Equal(table.RowCount, frame.RowCount);
        Assert.Equal(["OBu", "OBa", "OCa"], frame.ColumnKeys);
        Assert.Equal(table.IndexValues, frame.RowKeys);
        Assert.Equal(table["OBa"].Values[10], frame.GetColumn<double>("OBa").Get(table.IndexValues[10]));
        Assert.Equal(["OBu [pM]", "OBa [pM]", "OCa [pM]"], table.ToFrame(withUnits: true).ColumnKeys);
    }

    [Fact]
    public void Frame_round_trip_is_exact_and_keeps_missing_values()
    {
        var table = Awkward();
        var back = table.ToFrame().ToSeriesTable(Samples.Time, new Dictionary<string, string> { ["OBa"] = "pM", ["BMD"] = "g/cm²" });
        AssertSame(table, back);
        Assert.True(double.IsNaN(back["BMD"].Values[4]));
    }

    [Fact]
    public void Repeated_event_times_need_the_ordinal_frame()
    {
        var table = new SeriesTable(Samples.Time, [0, 1, 1, 2], [new NamedSeries("dose", "mg", [0, 0, 60, 60])]);
        var e = Assert.Throws<ArgumentException>(() => table.ToFrame());
        Assert.Contains("ToOrdinalFrame", e.Message);
        var frame = table.ToOrdinalFrame();
        Assert.Equal(["time [day]", "dose [mg]"], frame.ColumnKeys);
        AssertSame(table, frame.ToSeriesTable());
    }

    [Fact]
    public void Csv_round_trip_through_Deedle_is_exact_to_the_last_bit_with_units_in_the_header()
    {
        using var folder = new TempFolder();
        var table = Awkward();
        var path = DeedleCsv.Save(table, folder.File("run.csv"));

        var header = File.ReadLines(path).First();
        Assert.Equal("\"time [day]\",\"OBa [pM]\",\"BMD [g/cm²]\"", header);
        var back = DeedleCsv.Load(path);
        Assert.Equal(table.Index, back.Index);
        Assert.Equal(table.Series.Select(s => s.Quantity), back.Series.Select(s => s.Quantity));
        AssertSame(table, back);
    }

    [Fact]
    public void Deedle_infers_decimal_without_a_schema_which_is_why_Load_passes_one()
    {
        using var folder = new TempFolder();
        var path = DeedleCsv.Save(Samples.Cells(), folder.File("cells.csv"));
        var inferred = Frame.ReadCsv(path, hasHeaders: true, inferTypes: true, inferRows: null, schema: null, separators: ",",
            culture: CultureInfo.InvariantCulture.Name, maxRows: null, missingValues: null, preferOptions: false, encoding: null);
        Assert.Contains(typeof(decimal), inferred.ColumnTypes);
        var loaded = DeedleCsv.Load(path);
        AssertSame(Samples.Cells(), loaded);
    }

    [Fact]
    public void Loading_a_csv_with_text_in_a_number_column_names_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("bad.csv");
        File.WriteAllText(path, "time [day],OBa [pM]\n0,1.5\n1,abc\n");
        // Deedle itself turns unparsable text into a missing value; Load must not let that pass silently.
        var e = Assert.Throws<InvalidDataException>(() => DeedleCsv.Load(path));
        Assert.Contains("bad.csv", e.Message);
        Assert.Contains("line 3", e.Message);
        Assert.Contains("'abc'", e.Message);
        Assert.Contains("OBa [pM]", e.Message);
    }

    [Fact]
    public void Loading_a_missing_file_says_so()
    {
        var e = Assert.Throws<FileNotFoundException>(() => DeedleCsv.Load("/nonexistent/run.csv"));
        Assert.Contains("/nonexistent/run.csv", e.Message);
    }

    private static void AssertSame(SeriesTable expected, SeriesTable actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.Names, actual.Names);
        for (var i = 0; i < expected.RowCount; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.IndexValues[i]), BitConverter.DoubleToInt64Bits(actual.IndexValues[i]));
            foreach (var s in expected.Series)
            {
                var e = s.Values[i];
                var a = actual[s.Name].Values[i];
                if (double.IsNaN(e))
                {
                    Assert.True(double.IsNaN(a), $"{s.Name}[{i}] should be missing");
                }
                else
                {
                    // Bit-exact except the sign of zero, which CSV text "0" cannot carry from -0.0.
                    Assert.True(e == a && (e != 0 || a == 0), $"{s.Name}[{i}]: {e:R} became {a:R}");
                    Assert.True(Math.Abs(e - a) <= 1e-15 * Math.Abs(e), $"{s.Name}[{i}] relative error above 1e-15");
                }
            }
        }
    }
}

using OsteoOde.Modeling;

namespace OsteoOde.Modeling.Tests;

public class UnitTests
{
    [Fact]
    public void ProductOfPicomolarAndPerDayIsPicomolarPerDay()
    {
        var product = Unit.Parse("pM") * Unit.Parse("1/day");
        Assert.Equal(Unit.Parse("pM/day"), product);
        Assert.Equal("pM/day", product.ToString());
        Check.Close(1e-9 / 86_400, product.Scale, 1e-15);
    }

    [Fact]
    public void PercentIsNotDimensionlessAndPicomolarIsNotNanomolar()
    {
        Assert.NotEqual(Unit.Dimensionless, Unit.Percent);
        Assert.True(Unit.Percent.IsDimensionless);
        Assert.False(Unit.Percent.IsOne);
        Assert.Equal(0.01, Unit.Percent.Scale);
        Assert.NotEqual(Unit.PicoMolar, Unit.NanoMolar);
        Assert.True(Unit.PicoMolar.HasSameDimension(Unit.NanoMolar));
        Assert.Equal(1000.0, Unit.NanoMolar.ConversionFactorTo(Unit.PicoMolar), 1e-9);
        Assert.Throws<ArgumentException>(() => Unit.PicoMolar.ConversionFactorTo(Unit.Day));
    }

    [Fact]
    public void BaseDimensionsAndScalesOfCommonUnits()
    {
        var pM = Unit.Parse("pM");
        Assert.Equal(1, pM.Exponent(BaseDimension.Amount));
        Assert.Equal(-3, pM.Exponent(BaseDimension.Length));
        Assert.Equal(1e-9, pM.Scale, 1e-24);
        Assert.Equal(365.25, Unit.Year.ConversionFactorTo(Unit.Day), 1e-12);
        Assert.Equal(24.0, Unit.Day.ConversionFactorTo(Unit.Hour), 1e-12);
        var bmd = Unit.Parse("g/cm²");
        Assert.Equal(1, bmd.Exponent(BaseDimension.Mass));
        Assert.Equal(-2, bmd.Exponent(BaseDimension.Length));
        Assert.Equal(10.0, bmd.Scale, 1e-12); // 1 g/cm² = 10 kg/m²
        var evs = Unit.Parse("vesicles/mL");
        Assert.Equal(1, evs.Exponent(BaseDimension.Items));
        Assert.Equal(0, evs.Exponent(BaseDimension.Cells));
        Assert.Equal(1, Unit.Parse("cells").Exponent(BaseDimension.Cells));
        Assert.NotEqual(Unit.Parse("cells/mL"), evs);

        // ng/mL of a 149 kDa antibody in pM: (ng/mL)/(kDa) = 1e-12/1e-6 kg/m³ / (1 kg/mol) = 1e-6 mol/m³ = 1000 pM.
        var molar = Unit.Parse("ng/mL") / Unit.Parse("kDa");
        Assert.Equal(1000.0, molar.ConversionFactorTo(pM), 1e-9);
    }

    [Fact]
    public void MicroPrefixAcceptsMicroSignGreekMuAndU()
    {
        Assert.Equal(Unit.Parse("µM"), Unit.Parse("μM"));
        Assert.Equal(Unit.Parse("µM"), Unit.Parse("uM"));
        Assert.Equal(1e-3, Unit.Parse("uM").Scale, 1e-18);
    }

    [Theory]
    [InlineData("pM", "pM")]
    [InlineData("nM", "nM")]
    [InlineData("µM", "µM")]
    [InlineData("mol", "mol")]
    [InlineData("1/day", "1/day")]
    [InlineData("day", "day")]
    [InlineData("h", "h")]
    [InlineData("year", "year")]
    [InlineData("%", "%")]
    [InlineData("dimensionless", "1")]
    [InlineData("ng/mL", "ng/mL")]
    [InlineData("mg", "mg")]
    [InlineData("kg", "kg")]
    [InlineData("g/cm²", "g/cm^2")]
    [InlineData("mL", "mL")]
    [InlineData("L", "L")]
    [InlineData("vesicles/mL", "vesicle/mL")]
    [InlineData("cells", "cell")]
    [InlineData("1/(pM·day)", "1/(pM·day)")]
    [InlineData("1/(pM*day)", "1/(pM·day)")]
    [InlineData("pM/day", "pM/day")]
    [InlineData("%/(pM·day)", "%/(pM·day)")]
    [InlineData("d⁻¹·y⁻¹", "1/(day·year)")]
    [InlineData("ng/(kg·day)", "ng/(kg·day)")]
    [InlineData("(pM/day)/pM", "1/day")]
    [InlineData("pM^2", "pM^2")]
    [InlineData("mol L^-1", "mol/L")]
    [InlineData("kDa", "kDa")]
    public void ParsePrintRoundTrip(string text, string printed)
    {
        var unit = Unit.Parse(text);
        Assert.Equal(printed, unit.ToString());
        var again = Unit.Parse(unit.ToString());
        Assert.Equal(unit, again);
        Assert.Equal(unit.ToString(), again.ToString());
    }

    [Fact]
    public void DayAliasesAreTheSameUnit()
    {
        Assert.Equal(Unit.Parse("d⁻¹·y⁻¹"), Unit.Parse("1/(day·year)"));
        Assert.Equal(Unit.Parse("d"), Unit.Day);
        Assert.Equal(Unit.Parse("yr"), Unit.Year);
    }

    [Fact]
    public void UnitsBuiltFromDimensionsRoundTrip()
    {
        var u = Unit.FromDimensions(1e-9, 1, -3);
        Assert.Equal(Unit.PicoMolar, u);
        Assert.Equal("1e-09 mol/m^3", u.ToString().Replace("E", "e", StringComparison.Ordinal));
        Assert.Equal(u, Unit.Parse(u.ToString()));
    }

    [Fact]
    public void RealPowersNeedWholeExponents()
    {
        var pM2 = Unit.PicoMolar.Pow(2);
        Assert.True(pM2.TryPow(0.5, out var root));
        Assert.Equal(Unit.PicoMolar, root);
        Assert.Equal("pM", root.ToString());
        Assert.False(Unit.PicoMolar.TryPow(0.5, out _));
        Assert.True(Unit.Percent.TryPow(2.5, out var p));
        Assert.Equal(Math.Pow(0.01, 2.5), p.Scale, 1e-20);
    }

    [Theory]
    [InlineData("pX", "pX")]
    [InlineData("pM/", "ends")]
    [InlineData("pM^x", "number")]
    [InlineData("(pM", "')'")]
    public void BadUnitTextGivesAMessageNamingTheProblem(string text, string fragment)
    {
        var ex = Assert.Throws<ArgumentException>(() => Unit.Parse(text));
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
        Assert.Equal("text", ex.ParamName);
    }
}

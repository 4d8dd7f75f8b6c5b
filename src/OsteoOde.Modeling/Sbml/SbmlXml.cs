using System.Globalization;
using System.Xml.Linq;

namespace OsteoOde.Modeling.Sbml;

/// <summary>Namespaces, symbol URLs and number formatting shared by the SBML exporter and importer.</summary>
internal static class SbmlXml
{
    public static readonly XNamespace L3V2 = "http://www.sbml.org/sbml/level3/version2/core";
    public static readonly XNamespace MathMl = "http://www.w3.org/1998/Math/MathML";
    public static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    public static readonly XNamespace Osteo = SbmlExporter.AnnotationNamespace;

    public const string OsteoPrefix = "osteo";
    public const string TimeSymbol = "http://www.sbml.org/sbml/symbols/time";
    public const string DelaySymbol = "http://www.sbml.org/sbml/symbols/delay";
    public const string AvogadroSymbol = "http://www.sbml.org/sbml/symbols/avogadro";
    public const string RateOfSymbol = "http://www.sbml.org/sbml/symbols/rateOf";

    /// <summary>Round-trip text of a finite double ("R", invariant culture); INF, -INF and NaN as xsd:double spells them.</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "INF"
        : double.IsNegativeInfinity(value) ? "-INF"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Reads an xsd:double (also INF, -INF, NaN and the .NET spellings).</summary>
    public static bool TryParseNumber(string? text, out double value)
    {
        value = double.NaN;
        if (text is null)
        {
            return false;
        }

        var t = text.Trim();
        switch (t)
        {
            case "INF":
            case "+INF":
            case "Infinity":
            case "inf":
                value = double.PositiveInfinity;
                return true;
            case "-INF":
            case "-Infinity":
            case "-inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
            case "nan":
                value = double.NaN;
                return true;
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Invariant text of a boolean as XML Schema spells it.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>Reads an xsd:boolean ("true", "false", "1", "0").</summary>
    public static bool? ParseBool(string? text) => text?.Trim() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };
}

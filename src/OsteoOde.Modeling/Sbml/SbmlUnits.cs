using System.Globalization;
using System.Text;

namespace OsteoOde.Modeling.Sbml;

/// <summary>One SBML <c>&lt;unit&gt;</c>: <c>(multiplier · 10^scale · kind)^exponent</c>.</summary>
internal readonly record struct SbmlUnitTerm(string Kind, int Exponent, int Scale, double Multiplier);

/// <summary>
/// Conversion between <see cref="Unit"/> and SBML unit definitions. Export maps each written symbol (pM, day, %, ...) to SBML
/// base units with an exact scale or multiplier (pM = (10⁻¹² mole)·litre⁻¹, day = (86400 second)), so definitions read the way
/// the model was written; import maps SBML units back to catalogue symbols where one matches (pmol/L, day, item, ...).
/// Cells and items both become SBML <c>item</c>; the exact OsteoOde unit travels in the annotation.
/// </summary>
internal static class SbmlUnits
{
    private const double Avogadro = 6.02214076e23;

    // Kind → (exponents of amount, length, mass, time, cells, items; scale of one kind unit in coherent SI).
    private static readonly Dictionary<string, (int[] Dims, double Scale)> Kinds = new(StringComparer.Ordinal)
    {
        ["mole"] = ([1, 0, 0, 0, 0, 0], 1),
        ["litre"] = ([0, 3, 0, 0, 0, 0], 1e-3),
        ["liter"] = ([0, 3, 0, 0, 0, 0], 1e-3),
        ["metre"] = ([0, 1, 0, 0, 0, 0], 1),
        ["meter"] = ([0, 1, 0, 0, 0, 0], 1),
        ["gram"] = ([0, 0, 1, 0, 0, 0], 1e-3),
        ["kilogram"] = ([0, 0, 1, 0, 0, 0], 1),
        ["second"] = ([0, 0, 0, 1, 0, 0], 1),
        ["item"] = ([0, 0, 0, 0, 0, 1], 1),
        ["dimensionless"] = ([0, 0, 0, 0, 0, 0], 1),
        ["avogadro"] = ([0, 0, 0, 0, 0, 0], Avogadro),
        ["hertz"] = ([0, 0, 0, -1, 0, 0], 1),
        ["katal"] = ([1, 0, 0, -1, 0, 0], 1),
        ["newton"] = ([0, 1, 1, -2, 0, 0], 1),
        ["pascal"] = ([0, -1, 1, -2, 0, 0], 1),
        ["joule"] = ([0, 2, 1, -2, 0, 0], 1),
        ["watt"] = ([0, 2, 1, -3, 0, 0], 1),
    };

    // Symbols tried, in order, when naming an imported SBML unit.
    private static readonly Dictionary<string, string[]> PreferredSymbols = new(StringComparer.Ordinal)
    {
        ["mole"] = ["mol", "mmol", "µmol", "nmol", "pmol", "fmol"],
        ["litre"] = ["L", "dL", "mL", "µL", "nL"],
        ["metre"] = ["m", "cm", "mm", "µm", "nm"],
        ["gram"] = ["kg", "g", "mg", "µg", "ng", "pg"],
        ["second"] = ["s", "min", "h", "day", "week", "year"],
        ["item"] = ["item"],
        ["dimensionless"] = ["%"],
    };

    /// <summary>Whether SBML knows this unit kind (so a units attribute may name it directly).</summary>
    public static bool IsBaseKind(string name) => Kinds.ContainsKey(name) || OtherKinds.Contains(name);

    private static readonly HashSet<string> OtherKinds = new(StringComparer.Ordinal)
    {
        "ampere", "becquerel", "candela", "celsius", "coulomb", "farad", "gray", "henry", "kelvin", "lumen", "lux", "ohm",
        "radian", "siemens", "sievert", "steradian", "tesla", "volt", "weber",
    };

    // ---- export -------------------------------------------------------------------------------------------------------

    /// <summary>The SBML units of a (not dimensionless-one) unit, merged where kind, scale and multiplier agree.</summary>
    public static IReadOnlyList<SbmlUnitTerm> ToTerms(Unit unit)
    {
        var raw = new List<SbmlUnitTerm>();
        if (unit.Factors.Count > 0)
        {
            foreach (var factor in unit.Factors)
            {
                if (!UnitCatalog.TryGet(factor.Symbol, out var atom))
                {
                    throw new InvalidOperationException($"Unit symbol '{factor.Symbol}' is not in the unit catalogue.");
                }

                foreach (var t in AtomTerms(atom.Dimensions, atom.Scale))
                {
                    raw.Add(t with { Exponent = t.Exponent * factor.Exponent });
                }
            }
        }
        else
        {
            var exps = new int[Dims.Count];
            for (var i = 0; i < Dims.Count; i++)
            {
                exps[i] = unit.Exponent((BaseDimension)i);
            }

            raw.AddRange(AtomTerms(Dims.Pack(exps), unit.Scale));
        }

        return Merge(raw);
    }

    /// <summary>
    /// One term per kind: terms of a kind that share scale and multiplier just add exponents (pM·day⁻¹ stays readable);
    /// otherwise their factors combine (L·mL⁻¹ = 1000), and a factor left on a cancelled kind moves to the first term.
    /// </summary>
    private static List<SbmlUnitTerm> Merge(List<SbmlUnitTerm> raw)
    {
        var merged = new List<SbmlUnitTerm>();
        var leftover = 1.0;
        foreach (var kind in raw.Select(t => t.Kind).Distinct(StringComparer.Ordinal).ToList())
        {
            var terms = raw.Where(t => t.Kind == kind).ToList();
            var exponent = terms.Sum(t => t.Exponent);
            if (terms.All(t => t.Scale == terms[0].Scale && t.Multiplier.Equals(terms[0].Multiplier)))
            {
                if (exponent != 0)
                {
                    merged.Add(terms[0] with { Exponent = exponent });
                }
                else if (kind == "dimensionless" && (terms[0].Scale != 0 || terms[0].Multiplier != 1))
                {
                    merged.Add(terms[0] with { Exponent = 1 }); // % / % is not written this way, but keep any scale
                }

                continue;
            }

            var factor = terms.Aggregate(1.0, (f, t) => f * Math.Pow(t.Multiplier * Math.Pow(10, t.Scale), t.Exponent));
            if (exponent == 0)
            {
                leftover *= factor;
            }
            else
            {
                merged.Add(WithFactor(new SbmlUnitTerm(kind, exponent, 0, 1), factor));
            }
        }

        if (merged.Count == 0)
        {
            merged.Add(new SbmlUnitTerm("dimensionless", 1, 0, 1));
        }

        if (!Unit.ScalesEqual(leftover, 1))
        {
            var first = merged[0];
            var existing = Math.Pow(first.Multiplier * Math.Pow(10, first.Scale), first.Exponent);
            merged[0] = WithFactor(first with { Scale = 0, Multiplier = 1 }, existing * leftover);
        }

        return merged;
    }

    /// <summary>Puts a factor <c>f</c> on a term: <c>(m·10^s)^x = f</c>, as a power of ten when possible.</summary>
    private static SbmlUnitTerm WithFactor(SbmlUnitTerm term, double factor)
    {
        if (Unit.ScalesEqual(factor, 1))
        {
            return term with { Scale = 0, Multiplier = 1 };
        }

        var perUnit = Math.Pow(factor, 1.0 / term.Exponent);
        var decade = Math.Round(Math.Log10(perUnit));
        return Math.Abs(perUnit / Math.Pow(10, decade) - 1) < 1e-12
            ? term with { Scale = (int)decade, Multiplier = 1 }
            : term with { Scale = 0, Multiplier = Snap(perUnit) };
    }

    /// <summary>The same unit, renamed through its SBML form (pM·L → pmol, vesicle/mL·L → 1000 item).</summary>
    public static Unit Simplify(Unit unit)
    {
        var terms = ToTerms(unit).Select(t => (t.Kind, (double)t.Exponent, t.Scale, t.Multiplier)).ToList();
        return TryToUnit(terms, out var simplified, out _) && simplified.Equals(unit) ? simplified : unit;
    }

    /// <summary>An SId for a unit definition, built from the written symbols (<c>u_pM_per_day</c>, <c>u_percent</c>).</summary>
    public static string IdFor(Unit unit)
    {
        var sb = new StringBuilder("u_");
        if (unit.Factors.Count > 0)
        {
            var num = unit.Factors.Where(f => f.Exponent > 0).ToList();
            var den = unit.Factors.Where(f => f.Exponent < 0).ToList();
            sb.Append(string.Join("_", num.Select(f => Sanitize(f.Symbol) + (f.Exponent != 1 ? f.Exponent.ToString(CultureInfo.InvariantCulture) : ""))));
            if (den.Count > 0)
            {
                sb.Append(num.Count > 0 ? "_per_" : "per_");
                sb.Append(string.Join("_", den.Select(f => Sanitize(f.Symbol) + (f.Exponent != -1 ? (-f.Exponent).ToString(CultureInfo.InvariantCulture) : ""))));
            }
        }
        else
        {
            sb.Append(Sanitize(unit.ToString()));
        }

        return sb.ToString();
    }

    private static string Sanitize(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            if (c == '%')
            {
                sb.Append("percent");
            }
            else if (c is 'µ' or 'μ')
            {
                sb.Append('u');
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '_')
            {
                sb.Append('_');
            }
        }

        return sb.ToString().TrimEnd('_');
    }

    /// <summary>SBML units of one symbol: base kinds (litre for lengths in multiples of 3) with the remaining scale on the first.</summary>
    private static List<SbmlUnitTerm> AtomTerms(long dims, double scale)
    {
        var kinds = new List<(string Kind, int Exponent, double KindScale)>();
        var amount = Dims.Get(dims, (int)BaseDimension.Amount);
        var length = Dims.Get(dims, (int)BaseDimension.Length);
        var mass = Dims.Get(dims, (int)BaseDimension.Mass);
        var time = Dims.Get(dims, (int)BaseDimension.Time);
        var counts = Dims.Get(dims, (int)BaseDimension.Cells) + Dims.Get(dims, (int)BaseDimension.Items);
        if (amount != 0)
        {
            kinds.Add(("mole", amount, 1));
        }

        if (length != 0)
        {
            kinds.Add(length % 3 == 0 ? ("litre", length / 3, 1e-3) : ("metre", length, 1));
        }

        if (mass != 0)
        {
            kinds.Add(("gram", mass, 1e-3));
        }

        if (time != 0)
        {
            kinds.Add(("second", time, 1));
        }

        if (counts != 0)
        {
            kinds.Add(("item", counts, 1));
        }

        if (kinds.Count == 0)
        {
            kinds.Add(("dimensionless", 1, 1));
        }

        var residual = scale;
        foreach (var (_, exponent, kindScale) in kinds)
        {
            residual /= Math.Pow(kindScale, exponent);
        }

        var terms = kinds.Select(k => new SbmlUnitTerm(k.Kind, k.Exponent, 0, 1)).ToList();
        terms[0] = WithFactor(terms[0], residual);
        return terms;
    }

    /// <summary>Removes floating-point dust (86400.00000000001 → 86400) when it is within 1e-12 relative.</summary>
    private static double Snap(double value)
    {
        var rounded = double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return Math.Abs(rounded - value) <= 1e-12 * Math.Abs(value) ? rounded : value;
    }

    // ---- import -------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Converts SBML units to a unit, naming each with a catalogue symbol where one matches; false (with the reason) for kinds
    /// outside OsteoOde's dimensions (ampere, kelvin, candela, ...) or non-integer exponents.
    /// </summary>
    public static bool TryToUnit(IReadOnlyList<(string Kind, double Exponent, int Scale, double Multiplier)> terms, out Unit unit, out string problem)
    {
        unit = Unit.Dimensionless;
        problem = "";
        var parts = new List<string>();
        var exps = new int[Dims.Count];
        var totalScale = 1.0;
        foreach (var (kind, exponentValue, scale, multiplier) in terms)
        {
            if (!Kinds.TryGetValue(kind, out var info))
            {
                problem = $"unit kind '{kind}' has no OsteoOde dimension";
                return false;
            }

            if (exponentValue != Math.Round(exponentValue) || Math.Abs(exponentValue) > 20)
            {
                problem = $"exponent {exponentValue.ToString("R", CultureInfo.InvariantCulture)} of '{kind}' is not a whole number";
                return false;
            }

            if (!double.IsFinite(multiplier) || multiplier <= 0)
            {
                problem = $"multiplier {multiplier.ToString("R", CultureInfo.InvariantCulture)} of '{kind}' is not positive";
                return false;
            }

            var exponent = (int)exponentValue;
            if (exponent == 0)
            {
                continue;
            }

            var perUnit = multiplier * Math.Pow(10, scale) * info.Scale;
            totalScale *= Math.Pow(perUnit, exponent);
            for (var i = 0; i < Dims.Count; i++)
            {
                exps[i] += info.Dims[i] * exponent;
            }

            parts.Add(SymbolText(kind, info.Dims, perUnit, exponent));
        }

        if (parts.Count == 0)
        {
            return true;
        }

        if (Unit.TryParse(string.Join("·", parts), out var parsed, out _))
        {
            unit = parsed;
            return true;
        }

        unit = Unit.FromDimensions(totalScale, exps);
        return true;
    }

    private static string SymbolText(string kind, int[] dims, double perUnit, int exponent)
    {
        var canonicalKind = kind switch
        {
            "liter" => "litre",
            "meter" => "metre",
            "kilogram" => "gram",
            _ => kind,
        };
        string? symbol = null;
        if (PreferredSymbols.TryGetValue(canonicalKind, out var candidates))
        {
            symbol = candidates.FirstOrDefault(s => UnitCatalog.TryGet(s, out var atom) && Unit.ScalesEqual(atom.Scale, perUnit));
        }

        if (symbol is null && canonicalKind == "dimensionless" && Unit.ScalesEqual(perUnit, 1))
        {
            return "1";
        }

        if (symbol is null)
        {
            // Not a catalogue symbol: a number times the coherent symbols of the kind's dimensions.
            var coherent = new List<string>();
            for (var i = 0; i < Dims.Count; i++)
            {
                if (dims[i] != 0)
                {
                    coherent.Add(Dims.CoherentSymbols[i] + (dims[i] != 1 ? "^" + dims[i].ToString(CultureInfo.InvariantCulture) : ""));
                }
            }

            symbol = "(" + perUnit.ToString("R", CultureInfo.InvariantCulture) + (coherent.Count > 0 ? " " + string.Join("·", coherent) : "") + ")";
        }

        return exponent == 1 ? symbol : symbol + "^" + exponent.ToString(CultureInfo.InvariantCulture);
    }
}

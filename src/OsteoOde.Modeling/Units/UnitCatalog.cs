namespace OsteoOde.Modeling;

/// <summary>One named unit symbol known to the parser (for example <c>pM</c>, <c>day</c>, <c>cell</c>).</summary>
/// <param name="Symbol">Canonical symbol used when printing.</param>
/// <param name="Dimensions">Packed exponents of the base dimensions.</param>
/// <param name="Scale">Factor to the coherent SI unit of the same dimension (mol, m, kg, s, cell, item).</param>
internal readonly record struct UnitAtom(string Symbol, long Dimensions, double Scale);

/// <summary>The unit symbols the parser understands, with their aliases.</summary>
internal static class UnitCatalog
{
    private const double Day = 86_400.0;

    private static readonly Dictionary<string, UnitAtom> Atoms = Build();

    /// <summary>Looks up a symbol or alias (micro may be written µ, μ or u).</summary>
    public static bool TryGet(string symbol, out UnitAtom atom) => Atoms.TryGetValue(symbol, out atom);

    /// <summary>All canonical symbols, for messages.</summary>
    public static IEnumerable<string> CanonicalSymbols =>
        Atoms.Values.Select(a => a.Symbol).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static Dictionary<string, UnitAtom> Build()
    {
        var map = new Dictionary<string, UnitAtom>(StringComparer.Ordinal);

        void Add(string symbol, double scale, int amount = 0, int length = 0, int mass = 0, int time = 0, int cells = 0,
            int items = 0, params string[] aliases)
        {
            var atom = new UnitAtom(symbol, Dims.Pack(amount, length, mass, time, cells, items), scale);
            map.Add(symbol, atom);
            foreach (var alias in aliases)
            {
                map.Add(alias, atom);
            }

            // Micro may be typed as the micro sign, the Greek letter mu, or an ASCII 'u'.
            if (symbol.StartsWith('µ'))
            {
                map.TryAdd("μ" + symbol[1..], atom);
                map.TryAdd("u" + symbol[1..], atom);
            }
        }

        Add("%", 0.01);

        Add("mol", 1, amount: 1);
        Add("mmol", 1e-3, amount: 1);
        Add("µmol", 1e-6, amount: 1);
        Add("nmol", 1e-9, amount: 1);
        Add("pmol", 1e-12, amount: 1);
        Add("fmol", 1e-15, amount: 1);

        // Molar concentrations: 1 M = 1 mol/L = 1e3 mol/m^3.
        Add("M", 1e3, amount: 1, length: -3);
        Add("mM", 1, amount: 1, length: -3);
        Add("µM", 1e-3, amount: 1, length: -3);
        Add("nM", 1e-6, amount: 1, length: -3);
        Add("pM", 1e-9, amount: 1, length: -3);
        Add("fM", 1e-12, amount: 1, length: -3);

        Add("m", 1, length: 1);
        Add("cm", 1e-2, length: 1);
        Add("mm", 1e-3, length: 1);
        Add("µm", 1e-6, length: 1);
        Add("nm", 1e-9, length: 1);

        Add("L", 1e-3, length: 3, aliases: ["l"]);
        Add("dL", 1e-4, length: 3, aliases: ["dl"]);
        Add("mL", 1e-6, length: 3, aliases: ["ml"]);
        Add("µL", 1e-9, length: 3, aliases: ["µl"]);
        Add("nL", 1e-12, length: 3, aliases: ["nl"]);

        Add("kg", 1, mass: 1);
        Add("g", 1e-3, mass: 1);
        Add("mg", 1e-6, mass: 1);
        Add("µg", 1e-9, mass: 1);
        Add("ng", 1e-12, mass: 1);
        Add("pg", 1e-15, mass: 1);

        // Molar masses (1 Da = 1 g/mol).
        Add("Da", 1e-3, mass: 1, amount: -1);
        Add("kDa", 1, mass: 1, amount: -1);

        Add("s", 1, time: 1, aliases: ["sec"]);
        Add("min", 60, time: 1);
        Add("h", 3600, time: 1, aliases: ["hr", "hour", "hours"]);
        Add("day", Day, time: 1, aliases: ["d", "days"]);
        Add("week", 7 * Day, time: 1, aliases: ["weeks", "wk"]);

        // Julian year, the convention of the age clock a(t) = 25 + t/365.25.
        Add("year", 365.25 * Day, time: 1, aliases: ["y", "yr", "years"]);

        Add("cell", 1, cells: 1, aliases: ["cells"]);
        Add("vesicle", 1, items: 1, aliases: ["vesicles", "EV", "EVs"]);
        Add("item", 1, items: 1, aliases: ["items", "particle", "particles"]);

        Add("Pa", 1, mass: 1, length: -1, time: -2);
        Add("kPa", 1e3, mass: 1, length: -1, time: -2);
        Add("MPa", 1e6, mass: 1, length: -1, time: -2);
        Add("GPa", 1e9, mass: 1, length: -1, time: -2);
        Add("J", 1, mass: 1, length: 2, time: -2);
        return map;
    }
}

/// <summary>Packs six signed 8-bit exponents into one 64-bit value (equality and hashing become one comparison).</summary>
internal static class Dims
{
    public const int Count = 6;

    public static readonly string[] CoherentSymbols = ["mol", "m", "kg", "s", "cell", "item"];

    public static long Pack(int amount, int length, int mass, int time, int cells, int items)
    {
        Span<int> e = [amount, length, mass, time, cells, items];
        return Pack(e);
    }

    public static long Pack(ReadOnlySpan<int> exponents)
    {
        long packed = 0;
        for (var i = 0; i < Count; i++)
        {
            var e = exponents[i];
            if (e < sbyte.MinValue || e > sbyte.MaxValue)
            {
                throw new OverflowException($"Unit exponent {e} of dimension {(BaseDimension)i} is out of range.");
            }

            packed |= (long)(byte)(sbyte)e << (8 * i);
        }

        return packed;
    }

    public static int Get(long packed, int index) => (sbyte)(byte)(packed >> (8 * index));

    public static long Combine(long a, long b, int signB)
    {
        Span<int> e = stackalloc int[Count];
        for (var i = 0; i < Count; i++)
        {
            e[i] = Get(a, i) + signB * Get(b, i);
        }

        return Pack(e);
    }

    public static long Scale(long a, int factor)
    {
        Span<int> e = stackalloc int[Count];
        for (var i = 0; i < Count; i++)
        {
            e[i] = Get(a, i) * factor;
        }

        return Pack(e);
    }
}

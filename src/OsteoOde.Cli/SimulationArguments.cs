using System.Globalization;
using System.Text.Json;
using OsteoOde.Modeling;

namespace OsteoOde.Cli;

/// <summary>
/// Options shared by the model commands and their translation into library objects (<see cref="ParameterSet"/>, initial
/// values, <see cref="InputSwitch"/> windows, output times). Every name is checked here first so that an unknown name gets
/// the full list of valid names, nearest first; values are then validated by the libraries (bounds, overlaps).
/// </summary>
public static class SimulationArguments
{
    /// <summary>Largest number of output times a grid option may produce.</summary>
    public const int MaxOutputTimes = 10_000_000;

    /// <summary>Points of the default output grid (0 to t-end, evenly spaced, both ends included).</summary>
    public const int DefaultPoints = 101;

    /// <summary><c>--set NAME=VALUE</c>.</summary>
    public static OptionSpec Set { get; } = new("set", "NAME=VALUE", "value of a parameter or an input (parameters are checked against their bounds)", Repeatable: true);

    /// <summary><c>--params FILE.json</c>.</summary>
    public static OptionSpec Params { get; } = new("params", "FILE.json", "parameter-set file (as written by osteo params --format json); --set applies on top");

    /// <summary><c>--init STATE=VALUE</c>.</summary>
    public static OptionSpec Init { get; } = new("init", "STATE=VALUE", "initial value of a state (overrides the model's)", Repeatable: true);

    /// <summary><c>--observables</c>.</summary>
    public static OptionSpec Observables { get; } = new("observables", null, "add the model's observables after the states, in declared order");

    /// <summary><c>--out FILE</c>.</summary>
    public static OptionSpec Out { get; } = new("out", "FILE", "write the result to FILE (atomically: complete or not at all) instead of stdout");

    /// <summary>
    /// The parameter set: <paramref name="baseSet"/> (model defaults when null), then every entry listed in the <c>--params</c>
    /// file, then <c>--set</c> values (each name at most once).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="args">Parsed arguments.</param>
    /// <param name="baseSet">Starting set (for example a scenario's), or null for the defaults.</param>
    /// <returns>The set.</returns>
    public static ParameterSet Parameters(Model model, ParsedArguments args, ParameterSet? baseSet = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(args);
        var set = baseSet ?? ParameterSet.Defaults(model);
        if (args.Get("params") is { } path)
        {
            var (loaded, listed) = LoadFile(model, path);
            foreach (var name in listed)
            {
                set = set.With(name, loaded[name], loaded.AttachedSource(name));
            }
        }

        foreach (var (name, value, text) in Assignments(args))
        {
            if (!set.Contains(name))
            {
                throw new UsageException($"--set {text}: model '{model.Id}' has no parameter or input named '{name}'. "
                    + $"Valid names{NearestNote(name, set.Names)}: {CliText.ChoiceList(name, set.Names)}.");
            }

            set = set.With(name, value, new Citation($"command line: --set {name}={CliText.F(value)}"));
        }

        return set;
    }

    /// <summary>Initial values: <paramref name="baseValues"/> (for example a scenario's) overridden by <c>--init</c>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="args">Parsed arguments.</param>
    /// <param name="baseValues">Starting overrides, or null.</param>
    /// <returns>Overrides by state name (empty when none).</returns>
    public static Dictionary<string, double> InitialValues(Model model, ParsedArguments args, IReadOnlyDictionary<string, double>? baseValues = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, double>(baseValues ?? new Dictionary<string, double>(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var states = model.States.Select(s => s.Name).ToList();
        foreach (var text in args.GetAll("init"))
        {
            var (name, value) = Assignment("init", text);
            if (!states.Contains(name))
            {
                throw new UsageException($"--init {text}: model '{model.Id}' has no state named '{name}'. "
                    + $"Valid states{NearestNote(name, states)}: {CliText.ChoiceList(name, states)}.");
            }

            if (!seen.Add(name))
            {
                throw new UsageException($"--init {name} is given more than once.");
            }

            var state = model.State(name);
            if (state.NonNegative && value < 0)
            {
                throw new UsageException($"--init {text}: state '{name}' is non-negative; give a value >= 0 {SimulationMessages.UnitText(state.Unit)}.");
            }

            values[name] = value;
        }

        return values;
    }

    /// <summary>
    /// Parses <c>NAME=V@T0[:T1]</c>: input NAME is V for T0 &lt; t ≤ T1 (for t &gt; T0 when <c>:T1</c> is omitted or empty).
    /// </summary>
    /// <param name="model">The model (input names are checked).</param>
    /// <param name="text">The option value.</param>
    /// <returns>The window.</returns>
    public static InputSwitch Input(Model model, string text)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(text);
        const string Shape = "expected NAME=VALUE@T0:T1 (VALUE for T0 < t <= T1) or NAME=VALUE@T0 (from T0 on), e.g. P_RANKL=100@20:80";
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (eq <= 0 || at < eq || text.IndexOf('@', at + 1) >= 0)
        {
            throw new UsageException($"--input '{text}': {Shape}.");
        }

        var name = text[..eq].Trim();
        var inputs = model.Inputs.Select(i => i.Name).ToList();
        if (!inputs.Contains(name))
        {
            throw new UsageException(inputs.Count == 0
                ? $"--input '{text}': model '{model.Id}' has no inputs."
                : $"--input '{text}': model '{model.Id}' has no input named '{name}'. Valid inputs{NearestNote(name, inputs)}: {CliText.ChoiceList(name, inputs)}.");
        }

        var value = ArgumentNumber(text[(eq + 1)..at], $"--input '{text}': the value");
        var window = text[(at + 1)..];
        var colon = window.IndexOf(':', StringComparison.Ordinal);
        var fromText = colon < 0 ? window : window[..colon];
        var untilText = colon < 0 ? "" : window[(colon + 1)..];
        var from = ArgumentNumber(fromText, $"--input '{text}': the start T0");
        double? until = untilText.Trim().Length == 0 ? null : ArgumentNumber(untilText, $"--input '{text}': the end T1");
        if (from < 0)
        {
            throw new UsageException($"--input '{text}': the start T0 = {CliText.F(from)} must be >= 0 (simulations start at t = 0).");
        }

        if (until is double end && !(end > from))
        {
            throw new UsageException($"--input '{text}': the end T1 = {CliText.F(end)} must be greater than the start T0 = {CliText.F(from)}.");
        }

        return new InputSwitch(name, value, from, until);
    }

    /// <summary>Parses <c>--times t1,t2,…</c>: strictly increasing, within [0, <paramref name="endTime"/>], no empty entries.</summary>
    /// <param name="text">The option value.</param>
    /// <param name="endTime">The end time.</param>
    /// <returns>The times, exactly as written (shortest round trip).</returns>
    public static double[] Times(string text, double endTime)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',');
        var times = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var entry = parts[i].Trim();
            var position = (i + 1).ToString(CultureInfo.InvariantCulture);
            if (entry.Length == 0)
            {
                throw new UsageException($"--times: entry {position} of '{text}' is empty; give a comma-separated list of increasing times.");
            }

            var t = ArgumentNumber(entry, $"--times: entry {position}");
            if (t < 0 || t > endTime)
            {
                throw new UsageException($"--times: entry {position} = {entry} lies outside [0, {CliText.F(endTime)}] (0 to --t-end).");
            }

            if (i > 0 && !(t > times[i - 1]))
            {
                throw new UsageException($"--times must be strictly increasing: entry {position} = {entry} follows {CliText.F(times[i - 1])}.");
            }

            times[i] = t;
        }

        return times;
    }

    /// <summary><paramref name="points"/> evenly spaced times <c>i·T/(points−1)</c> from 0 to T; the last is T exactly.</summary>
    /// <param name="endTime">End time T.</param>
    /// <param name="points">Number of points (≥ 2).</param>
    /// <returns>The times.</returns>
    public static double[] EvenGrid(double endTime, int points)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        var times = new double[points];
        for (var i = 0; i < points - 1; i++)
        {
            times[i] = i * endTime / (points - 1);
        }

        times[^1] = endTime;
        return times;
    }

    /// <summary>Times <c>0, Δ, 2Δ, …</c> (each <c>k·Δ</c>, not a running sum) below T, then T itself.</summary>
    /// <param name="endTime">End time T.</param>
    /// <param name="step">Spacing Δ (&gt; 0).</param>
    /// <returns>The times.</returns>
    public static double[] StepGrid(double endTime, double step)
    {
        var count = Math.Ceiling((endTime / step) - 1e-9);
        if (count + 1 > MaxOutputTimes)
        {
            throw new UsageException($"--step {CliText.F(step)} gives {CliText.F(count + 1)} output times up to {CliText.F(endTime)}; at most {MaxOutputTimes.ToString(CultureInfo.InvariantCulture)} are allowed.");
        }

        var n = Math.Max(1, (int)count);
        var times = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            times[i] = i * step;
        }

        times[n] = endTime;
        return times;
    }

    /// <summary>Every <c>--set NAME=VALUE</c> in command-line order; a name given twice is a usage error.</summary>
    /// <param name="args">Parsed arguments.</param>
    /// <returns>Values by name, in the order given.</returns>
    public static IReadOnlyList<(string Name, double Value, string Text)> Assignments(ParsedArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<(string, double, string)>();
        foreach (var text in args.GetAll("set"))
        {
            var (name, value) = Assignment("set", text);
            if (!seen.Add(name))
            {
                throw new UsageException($"--set {name} is given more than once.");
            }

            list.Add((name, value, text));
        }

        return list;
    }

    /// <summary>Splits <c>NAME=VALUE</c>.</summary>
    /// <param name="option">Option name, for messages.</param>
    /// <param name="text">The option value.</param>
    /// <returns>Name and value.</returns>
    public static (string Name, double Value) Assignment(string option, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new UsageException($"--{option} '{text}': expected NAME=VALUE (e.g. --{option} {(option == "init" ? "OBp=0.001" : "k_res=180")}).");
        }

        var name = text[..eq].Trim();
        return (name, ArgumentNumber(text[(eq + 1)..], $"--{option} {name}"));
    }

    private static double ArgumentNumber(string text, string what) => ParsedArguments.ParseNumber(text.Trim(), what);

    private static string NearestNote(string name, IReadOnlyCollection<string> names) =>
        NameSuggestions.Nearest(name, names).Count > 0 ? " (nearest first)" : "";

    private static (ParameterSet Set, IReadOnlyList<string> Listed) LoadFile(Model model, string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException(Directory.Exists(path) ? $"--params '{path}' is a folder, not a parameter-set file." : $"--params '{path}': file not found.");
        }

        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--params '{path}' cannot be read ({CliText.OneLine(e.Message)}).");
        }

        ParameterSet set;
        try
        {
            set = ParameterSet.FromJson(model, json);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--params '{path}': {CliText.Message(e)}");
        }

        // The file was validated above; only the names it lists override the base set (the others keep the base values).
        var listed = new List<string>();
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        foreach (var array in new[] { "parameters", "inputs" })
        {
            if (document.RootElement.TryGetProperty(array, out var entries) && entries.ValueKind == JsonValueKind.Array)
            {
                listed.AddRange(entries.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
                    .Select(e => e.GetProperty("name").GetString()!));
            }
        }

        return (set, listed);
    }
}

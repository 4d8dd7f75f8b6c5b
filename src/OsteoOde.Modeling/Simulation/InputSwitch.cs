using System.Globalization;
using System.Text.RegularExpressions;

namespace OsteoOde.Modeling;

/// <summary>
/// A window in which an input takes a value: <c>Input = Value for From &lt; t ≤ Until</c> (from <c>From</c> on when
/// <see cref="Until"/> is <see langword="null"/>). Outside its windows an input has its value in the parameter set (its
/// default unless overridden).
/// <para>
/// Inputs are left-continuous: at <c>t = From</c> the input still has its previous value and at <c>t = Until</c> it already
/// has <see cref="Value"/>; observables reported at those exact times use these values. States are continuous through a switch
/// (an input changes rates, not states). The integrator lands exactly on both times (no step straddles a switch).
/// </para>
/// </summary>
/// <param name="Input">Input name.</param>
/// <param name="Value">Value inside the window, in the input's unit.</param>
/// <param name="From">Start of the window (exclusive), ≥ 0.</param>
/// <param name="Until">End of the window (inclusive), greater than <paramref name="From"/>, or <see langword="null"/> for no end.</param>
public sealed partial record InputSwitch(string Input, double Value, double From, double? Until = null)
{
    /// <summary>Whether <paramref name="t"/> lies in the window <c>(From, Until]</c>.</summary>
    /// <param name="t">Time.</param>
    /// <returns>Whether the switch is active at <paramref name="t"/>.</returns>
    public bool IsActiveAt(double t) => t > From && (Until is not double end || t <= end);

    /// <summary>Parses <c>NAME = V for T0 &lt; t &lt;= T1</c> (also <c>≤</c>) or <c>NAME = V for t &gt; T0</c>.</summary>
    /// <param name="text">The switch text (invariant number format).</param>
    /// <returns>The switch.</returns>
    /// <exception cref="ArgumentException">The text does not have one of these forms.</exception>
    public static InputSwitch Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var window = WindowPattern().Match(text);
        if (window.Success)
        {
            return new InputSwitch(window.Groups["name"].Value, Number(window.Groups["value"].Value, text),
                Number(window.Groups["from"].Value, text), Number(window.Groups["until"].Value, text));
        }

        var open = OpenPattern().Match(text);
        if (open.Success)
        {
            return new InputSwitch(open.Groups["name"].Value, Number(open.Groups["value"].Value, text), Number(open.Groups["from"].Value, text));
        }

        throw new ArgumentException(SimulationMessages.SwitchSyntax(text), nameof(text));
    }

    /// <summary>The canonical text, for example <c>P_RANKL = 1000 for 20 &lt; t &lt;= 80</c>.</summary>
    /// <returns>The text (round-trip numbers; <see cref="Parse"/> reads it back).</returns>
    public override string ToString() => Until is double end
        ? $"{Input} = {F(Value)} for {F(From)} < t <= {F(end)}"
        : $"{Input} = {F(Value)} for t > {F(From)}";

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static double Number(string text, string whole) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new ArgumentException(SimulationMessages.SwitchSyntax(whole), nameof(text));

    private const string NumberText = @"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?";

    [GeneratedRegex(@"^\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?<value>" + NumberText + @")\s+for\s+(?<from>" + NumberText
        + @")\s*<\s*t\s*(?:<=|≤)\s*(?<until>" + NumberText + @")\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex WindowPattern();

    [GeneratedRegex(@"^\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?<value>" + NumberText + @")\s+for\s+t\s*>\s*(?<from>" + NumberText
        + @")\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex OpenPattern();
}

/// <summary>
/// A bolus dose given in a simulation request: <c>State += Amount</c> at <see cref="Time"/>, or with a <see cref="Factor"/>
/// other than 1 the affine change <c>State := Factor·State + Amount</c> (for example a fractional kill of a cell population,
/// <see cref="Scale"/>). Like the model's dose records it becomes an exact timed action; output at exactly <see cref="Time"/>
/// reports the state after the dose (right-continuous, as NONMEM and mrgsolve report doses), and observables there use the
/// post-dose state.
/// </summary>
/// <param name="State">Dosed state.</param>
/// <param name="Amount">Amount added, in the state's unit (may be negative for a withdrawal).</param>
/// <param name="Time">Dose time, ≥ 0 (doses after the end time are never reached).</param>
/// <param name="Name">Name in the event log; <see langword="null"/> gives <c>dose STATE</c>.</param>
public sealed record Dose(string State, double Amount, double Time, string? Name = null)
{
    /// <summary>Repeated doses: <paramref name="count"/> doses every <paramref name="interval"/> starting at <paramref name="first"/>.</summary>
    /// <param name="state">Dosed state.</param>
    /// <param name="amount">Amount per dose.</param>
    /// <param name="first">Time of the first dose.</param>
    /// <param name="interval">Time between doses (&gt; 0).</param>
    /// <param name="count">Number of doses (≥ 1).</param>
    /// <param name="name">Name in the event log.</param>
    /// <returns>The doses, in time order.</returns>
    public static IReadOnlyList<Dose> Every(string state, double amount, double first, double interval, int count, string? name = null)
    {
        if (!(interval > 0) || !double.IsFinite(interval))
        {
            throw new ArgumentException(SimulationMessages.DoseInterval(interval), nameof(interval));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var doses = new Dose[count];
        for (var k = 0; k < count; k++)
        {
            doses[k] = new Dose(state, amount, first + (k * interval), name);
        }

        return doses;
    }

    /// <summary>
    /// Factor applied to the state before <see cref="Amount"/> is added (default 1: a plain bolus). Must be finite and ≥ 0,
    /// so a non-negative state stays non-negative when the amount is ≥ 0.
    /// </summary>
    public double Factor { get; init; } = 1;

    /// <summary>A multiplicative change <c>State := factor·State</c> at <paramref name="time"/> (amount 0).</summary>
    /// <param name="state">State to scale.</param>
    /// <param name="factor">Factor (finite, ≥ 0; for example 1 − kill fraction).</param>
    /// <param name="time">Time, ≥ 0.</param>
    /// <param name="name">Name in the event log; <see langword="null"/> gives <c>scale STATE</c>.</param>
    /// <returns>The dose record.</returns>
    public static Dose Scale(string state, double factor, double time, string? name = null) =>
        new(state, 0, time, name ?? $"scale {state}") { Factor = factor };

    /// <summary>Name used in the event log.</summary>
    public string LogName => Name ?? $"dose {State}";
}

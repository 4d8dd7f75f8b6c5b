using System.Globalization;
using OsteoOde.Numerics;

namespace OsteoOde.Modeling;

/// <summary>
/// Forward sensitivities of a simulation: per output time, output (state or observable) and parameter, the value, the
/// absolute sensitivity d(output)/dp and the normalised one p/output · d(output)/dp (NaN where the output is 0).
/// Numerical failure is a <see cref="Status"/> with a message; a failed result has no rows.
/// </summary>
public sealed class SensitivityResult
{
    private readonly double[] _values;
    private readonly double[] _absolute;

    internal SensitivityResult(SimulationStatus status, string message, IReadOnlyList<double> times, IReadOnlyList<string> outputs,
        IReadOnlyList<string> parameters, IReadOnlyList<double> parameterValues, double[] values, double[] absolute,
        IReadOnlyList<string> notes, SolverStatistics statistics, int runs)
    {
        Status = status;
        Message = message;
        Times = times;
        Outputs = outputs;
        Parameters = parameters;
        ParameterValues = parameterValues;
        _values = values;
        _absolute = absolute;
        Notes = notes;
        Statistics = statistics;
        Runs = runs;
    }

    /// <summary>Outcome (<see cref="SimulationStatus.Success"/> or a failure of one of the runs).</summary>
    public SimulationStatus Status { get; }

    /// <summary>Whether every run succeeded.</summary>
    public bool IsSuccess => Status == SimulationStatus.Success;

    /// <summary>Empty on success; otherwise what failed, where, and what to try.</summary>
    public string Message { get; }

    /// <summary>Output times (those of the request; fewer when a terminal event stopped the run).</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>Output names.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Parameter names.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Parameter values the sensitivities are taken at.</summary>
    public IReadOnlyList<double> ParameterValues { get; }

    /// <summary>Caveats found while integrating (for example a discontinuous switch crossing); empty when there are none.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Solver counters summed over all runs.</summary>
    public SolverStatistics Statistics { get; }

    /// <summary>Number of augmented integrations (parameter groups).</summary>
    public int Runs { get; }

    /// <summary>Output value.</summary>
    /// <param name="time">Time index.</param>
    /// <param name="output">Output index.</param>
    /// <returns>The value.</returns>
    public double Value(int time, int output) => _values[(time * Outputs.Count) + output];

    /// <summary>Absolute sensitivity d(output)/d(parameter).</summary>
    /// <param name="time">Time index.</param>
    /// <param name="output">Output index.</param>
    /// <param name="parameter">Parameter index.</param>
    /// <returns>The sensitivity.</returns>
    public double Absolute(int time, int output, int parameter) =>
        _absolute[(((time * Outputs.Count) + output) * Parameters.Count) + parameter];

    /// <summary>Normalised sensitivity p/output · d(output)/dp (NaN when the output is 0).</summary>
    /// <param name="time">Time index.</param>
    /// <param name="output">Output index.</param>
    /// <param name="parameter">Parameter index.</param>
    /// <returns>The normalised sensitivity.</returns>
    public double Normalised(int time, int output, int parameter)
    {
        var value = Value(time, output);
        return value == 0 ? double.NaN : ParameterValues[parameter] / value * Absolute(time, output, parameter);
    }

    /// <summary>Absolute sensitivity by names.</summary>
    /// <param name="time">Time index.</param>
    /// <param name="output">Output name.</param>
    /// <param name="parameter">Parameter name.</param>
    /// <returns>The sensitivity.</returns>
    public double Absolute(int time, string output, string parameter) => Absolute(time, OutputIndex(output), ParameterIndex(parameter));

    /// <summary>Normalised sensitivity by names.</summary>
    /// <param name="time">Time index.</param>
    /// <param name="output">Output name.</param>
    /// <param name="parameter">Parameter name.</param>
    /// <returns>The normalised sensitivity.</returns>
    public double Normalised(int time, string output, string parameter) => Normalised(time, OutputIndex(output), ParameterIndex(parameter));

    /// <summary>Index of an output (throws with suggestions when unknown).</summary>
    /// <param name="name">Output name.</param>
    /// <returns>The index.</returns>
    public int OutputIndex(string name) => IndexOf(Outputs, name, "output");

    /// <summary>Index of a parameter (throws with suggestions when unknown).</summary>
    /// <param name="name">Parameter name.</param>
    /// <returns>The index.</returns>
    public int ParameterIndex(string name) => IndexOf(Parameters, name, "parameter");

    /// <summary>Writes the long table <c>t,output,parameter,value,sensitivity,normalised</c> (invariant round-trip numbers, LF).</summary>
    /// <param name="writer">Destination.</param>
    public void ToCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("t,output,parameter,value,sensitivity,normalised\n");
        for (var r = 0; r < Times.Count; r++)
        {
            for (var o = 0; o < Outputs.Count; o++)
            {
                for (var k = 0; k < Parameters.Count; k++)
                {
                    writer.Write(string.Join(',', Number(Times[r]), Outputs[o], Parameters[k], Number(Value(r, o)), Number(Absolute(r, o, k)),
                        Number(Normalised(r, o, k))));
                    writer.Write('\n');
                }
            }
        }
    }

    /// <summary>Round-trip invariant number text.</summary>
    /// <param name="x">Number.</param>
    /// <returns>The text.</returns>
    public static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static int IndexOf(IReadOnlyList<string> names, string name, string what)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"The sensitivity result has no {what} named '{name}'.{NameSuggestions.Hint(name, [.. names])}", nameof(name));
    }
}

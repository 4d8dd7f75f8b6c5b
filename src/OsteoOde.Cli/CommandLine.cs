using System.Globalization;

namespace OsteoOde.Cli;

/// <summary>A usage error: bad option, value or path. Reported as one line on stderr with exit code 2.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">One-line message naming the problem and the valid choices.</param>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    public UsageException()
        : base("Invalid command line.")
    {
    }

    /// <summary>Creates the error with a cause.</summary>
    /// <param name="message">Message.</param>
    /// <param name="innerException">Cause.</param>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Declaration of one command-line option.</summary>
/// <param name="Name">Long name without dashes (e.g. <c>t-end</c>).</param>
/// <param name="ValueName">Placeholder for the value in help, or <see langword="null"/> for a flag.</param>
/// <param name="Description">One-line description.</param>
/// <param name="Repeatable">Whether the option may be given several times.</param>
/// <param name="Required">Whether the option must be given.</param>
public sealed record OptionSpec(string Name, string? ValueName, string Description, bool Repeatable = false, bool Required = false)
{
    /// <summary>Whether the option takes a value.</summary>
    public bool TakesValue => ValueName is not null;

    /// <summary>The option as shown in help: <c>--name &lt;VALUE&gt;</c> or <c>--name</c>.</summary>
    public string Label => TakesValue ? $"--{Name} <{ValueName}>" : $"--{Name}";
}

/// <summary>Parsed options and positional arguments of one command.</summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _values;

    internal ParsedArguments(Dictionary<string, List<string>> values, IReadOnlyList<string> positionals)
    {
        _values = values;
        Positionals = positionals;
    }

    /// <summary>Arguments with no options (what model factories see when a listing needs the default variant).</summary>
    public static ParsedArguments Empty { get; } = new(new Dictionary<string, List<string>>(StringComparer.Ordinal), []);

    /// <summary>Positional arguments in order.</summary>
    public IReadOnlyList<string> Positionals { get; }

    /// <summary>Whether an option or flag was given.</summary>
    /// <param name="name">Option name.</param>
    /// <returns>True when present.</returns>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>Value of a single-valued option, or <see langword="null"/>.</summary>
    /// <param name="name">Option name.</param>
    /// <returns>The value.</returns>
    public string? Get(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    /// <summary>All values of a repeatable option.</summary>
    /// <param name="name">Option name.</param>
    /// <returns>Values in order (empty when absent).</returns>
    public IReadOnlyList<string> GetAll(string name) => _values.TryGetValue(name, out var list) ? list : [];

    /// <summary>A required option's value.</summary>
    /// <param name="name">Option name.</param>
    /// <param name="valueName">Placeholder for the message.</param>
    /// <returns>The value.</returns>
    public string Require(string name, string valueName = "VALUE") =>
        Get(name) ?? throw new UsageException($"missing required option --{name} <{valueName}>.");

    /// <summary>Parses a finite double option value (invariant culture).</summary>
    /// <param name="name">Option name.</param>
    /// <returns>The number, or <see langword="null"/> when absent.</returns>
    public double? GetDouble(string name)
    {
        var text = Get(name);
        return text is null ? null : ParseNumber(text, "--" + name);
    }

    /// <summary>Parses a positive finite option value.</summary>
    /// <param name="name">Option name.</param>
    /// <returns>The number, or <see langword="null"/> when absent.</returns>
    public double? GetPositive(string name)
    {
        var value = GetDouble(name);
        return value is null or > 0 ? value
            : throw new UsageException($"--{name} must be a positive number (got {CliText.F(value.Value)}).");
    }

    /// <summary>Parses an integer option value that must be at least <paramref name="min"/>.</summary>
    /// <param name="name">Option name.</param>
    /// <param name="min">Smallest allowed value.</param>
    /// <returns>The number, or <see langword="null"/> when absent.</returns>
    public int? GetInt(string name, int min)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"--{name}: '{text}' is not an integer.");
        }

        return value >= min ? value
            : throw new UsageException($"--{name} must be at least {min.ToString(CultureInfo.InvariantCulture)} (got {text}).");
    }

    /// <summary>A comma-separated option value split into its entries (no empty entries allowed).</summary>
    /// <param name="name">Option name.</param>
    /// <returns>Entries (empty when the option is absent).</returns>
    public IReadOnlyList<string> GetList(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return [];
        }

        var parts = text.Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = parts[i].Trim();
            if (parts[i].Length == 0)
            {
                throw new UsageException($"--{name}: entry {(i + 1).ToString(CultureInfo.InvariantCulture)} of '{text}' is empty (write a comma-separated list without empty entries).");
            }
        }

        return parts;
    }

    /// <summary>A choice among fixed values (for example a format).</summary>
    /// <param name="name">Option name.</param>
    /// <param name="choices">Valid values; the first is the default.</param>
    /// <returns>The chosen value.</returns>
    public string GetChoice(string name, IReadOnlyList<string> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var text = Get(name);
        if (text is null)
        {
            return choices[0];
        }

        return choices.Contains(text, StringComparer.Ordinal) ? text
            : throw new UsageException($"--{name}: {CliText.Unknown("value", text, "Valid values", choices)}");
    }

    /// <summary>Parses a finite number in invariant culture or throws a usage error naming the item.</summary>
    /// <param name="text">Text.</param>
    /// <param name="what">What the number is, for the message.</param>
    /// <returns>The number.</returns>
    public static double ParseNumber(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        throw new UsageException($"{what}: '{text}' is not a finite number (use invariant format, e.g. 1e-6 or 0.25).");
    }
}

/// <summary>Minimal, strict parser for <c>--name value</c>, <c>--name=value</c> and flags.</summary>
public static class CommandLineParser
{
    /// <summary>Parses arguments against option declarations.</summary>
    /// <param name="args">Arguments after the command name.</param>
    /// <param name="options">Declared options.</param>
    /// <param name="maxPositionals">How many positional arguments are allowed.</param>
    /// <param name="command">Command name, for the help hint in messages.</param>
    /// <returns>The parsed arguments.</returns>
    /// <exception cref="UsageException">Unknown option (with the valid ones, nearest first), missing value, repeated option, missing required option.</exception>
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> options, int maxPositionals = 0, string command = "")
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        var byName = options.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positionals = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var body = arg[2..];
                string? inline = null;
                var eq = body.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    inline = body[(eq + 1)..];
                    body = body[..eq];
                }

                if (!byName.TryGetValue(body, out var spec))
                {
                    throw new UsageException(CliText.Unknown("option", body, "Valid options", options.Select(o => o.Name), "--"));
                }

                string value;
                if (spec.TakesValue)
                {
                    if (inline is not null)
                    {
                        value = inline;
                    }
                    else if (i + 1 < args.Count)
                    {
                        value = args[++i];
                    }
                    else
                    {
                        throw new UsageException($"option --{spec.Name} needs a value <{spec.ValueName}>.");
                    }
                }
                else
                {
                    if (inline is not null)
                    {
                        throw new UsageException($"option --{spec.Name} is a flag and takes no value.");
                    }

                    value = "true";
                }

                if (!values.TryGetValue(spec.Name, out var list))
                {
                    values[spec.Name] = list = [];
                }
                else if (!spec.Repeatable)
                {
                    throw new UsageException($"option --{spec.Name} may be given only once.");
                }

                list.Add(value);
            }
            else
            {
                if (positionals.Count >= maxPositionals)
                {
                    throw new UsageException(maxPositionals == 0
                        ? $"unexpected argument '{arg}'. Options start with --; see 'osteo {command} --help'."
                        : $"too many arguments ('{arg}'); see 'osteo {command} --help'.");
                }

                positionals.Add(arg);
            }
        }

        foreach (var spec in options)
        {
            if (spec.Required && !values.ContainsKey(spec.Name))
            {
                throw new UsageException($"missing required option {spec.Label}.");
            }
        }

        return new ParsedArguments(values, positionals);
    }

    /// <summary>The value given to <c>--name</c> in raw arguments (either <c>--name V</c> or <c>--name=V</c>), before parsing.</summary>
    /// <param name="args">Raw arguments.</param>
    /// <param name="name">Option name.</param>
    /// <returns>The last value given, or <see langword="null"/>.</returns>
    public static string? Peek(IReadOnlyList<string> args, string name)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? value = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--" + name && i + 1 < args.Count)
            {
                value = args[++i];
            }
            else if (args[i].StartsWith("--" + name + "=", StringComparison.Ordinal))
            {
                value = args[i][(name.Length + 3)..];
            }
        }

        return value;
    }
}

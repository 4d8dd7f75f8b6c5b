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
    /// <returns>The value.</returns>
    public string Require(string name) => Get(name) ?? throw new UsageException($"Missing required option --{name}.");

    /// <summary>Parses a finite double option value (invariant culture).</summary>
    /// <param name="name">Option name.</param>
    /// <returns>The number, or <see langword="null"/> when absent.</returns>
    public double? GetDouble(string name)
    {
        var text = Get(name);
        return text is null ? null : ParseNumber(text, "--" + name);
    }

    /// <summary>Parses a finite number in invariant culture or throws a usage error naming the item.</summary>
    /// <param name="text">Text.</param>
    /// <param name="what">What the number is, for the message.</param>
    /// <returns>The number.</returns>
    public static double ParseNumber(string text, string what)
    {
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
    /// <param name="command">Command name, for messages.</param>
    /// <param name="args">Arguments after the command name.</param>
    /// <param name="options">Declared options.</param>
    /// <param name="maxPositionals">How many positional arguments are allowed.</param>
    /// <returns>The parsed arguments.</returns>
    public static ParsedArguments Parse(string command, IReadOnlyList<string> args, IReadOnlyList<OptionSpec> options, int maxPositionals = 0)
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
                    var valid = string.Join(", ", options.Select(o => "--" + o.Name));
                    var near = Suggest(body, options.Select(o => o.Name));
                    throw new UsageException(
                        $"{command}: unknown option --{body}{(near is null ? "" : $" (did you mean --{near}?)")}. Valid options: {valid}.");
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
                        throw new UsageException($"{command}: option --{spec.Name} needs a value <{spec.ValueName}>.");
                    }
                }
                else
                {
                    if (inline is not null)
                    {
                        throw new UsageException($"{command}: option --{spec.Name} is a flag and takes no value.");
                    }

                    value = "true";
                }

                if (!values.TryGetValue(spec.Name, out var list))
                {
                    values[spec.Name] = list = [];
                }
                else if (!spec.Repeatable)
                {
                    throw new UsageException($"{command}: option --{spec.Name} may be given only once.");
                }

                list.Add(value);
            }
            else
            {
                if (positionals.Count >= maxPositionals)
                {
                    throw new UsageException(maxPositionals == 0
                        ? $"{command}: unexpected argument '{arg}'. Options start with --; see 'osteo {command} --help'."
                        : $"{command}: too many arguments ('{arg}'); see 'osteo {command} --help'.");
                }

                positionals.Add(arg);
            }
        }

        foreach (var spec in options)
        {
            if (spec.Required && !values.ContainsKey(spec.Name))
            {
                throw new UsageException($"{command}: missing required option --{spec.Name} <{spec.ValueName}>.");
            }
        }

        return new ParsedArguments(values, positionals);
    }

    /// <summary>The closest candidate by edit distance, when close enough to be a likely typo.</summary>
    /// <param name="input">What was typed.</param>
    /// <param name="candidates">Valid names.</param>
    /// <returns>The suggestion or <see langword="null"/>.</returns>
    public static string? Suggest(string input, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidates);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = EditDistance(input.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, input.Length / 3) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

using System.Globalization;
using OsteoOde.Modeling;

namespace OsteoOde.Cli;

/// <summary>Message helpers of the command line: invariant numbers, one-line messages, "unknown X, valid choices" lists.</summary>
public static class CliText
{
    /// <summary>Round-trip invariant text of a number.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The text.</returns>
    public static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Every valid name, the nearest to <paramref name="typed"/> first (edit distance), then the others in their given order.</summary>
    /// <param name="typed">What was typed.</param>
    /// <param name="valid">Valid names.</param>
    /// <param name="prefix">Prefix shown before each name (for example <c>--</c>).</param>
    /// <returns>Comma-separated list.</returns>
    public static string ChoiceList(string typed, IEnumerable<string> valid, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(valid);
        var all = valid.Distinct(StringComparer.Ordinal).ToList();
        var nearest = NameSuggestions.Nearest(typed ?? "", all);
        return string.Join(", ", nearest.Concat(all.Where(v => !nearest.Contains(v))).Select(v => prefix + v));
    }

    /// <summary>
    /// <c>unknown KIND 'typed'. LABEL (nearest first): a, b, c.</c> — the message shape of every unknown-name error.
    /// </summary>
    /// <param name="kind">What was looked up (<c>model</c>, <c>option</c>, …).</param>
    /// <param name="typed">What was typed.</param>
    /// <param name="label">Heading of the list (<c>Valid models</c>).</param>
    /// <param name="valid">Valid names.</param>
    /// <param name="prefix">Prefix shown before each name.</param>
    /// <returns>The message.</returns>
    public static string Unknown(string kind, string typed, string label, IEnumerable<string> valid, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(valid);
        var all = valid.ToList();
        if (all.Count == 0)
        {
            return $"unknown {kind} '{prefix}{typed}': there are none.";
        }

        var near = NameSuggestions.Nearest(typed ?? "", all).Count > 0;
        return $"unknown {kind} '{prefix}{typed}'. {label}{(near ? " (nearest first)" : "")}: {ChoiceList(typed ?? "", all, prefix)}.";
    }

    /// <summary>The message of a library <see cref="ArgumentException"/> without the " (Parameter 'x')" suffix, on one line.</summary>
    /// <param name="error">The exception.</param>
    /// <returns>The message.</returns>
    public static string Message(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Message;
        if (error is ArgumentException { ParamName: { } name })
        {
            var suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message[..^suffix.Length];
            }
        }

        return OneLine(message);
    }

    /// <summary>Collapses line breaks so that a message is exactly one line.</summary>
    /// <param name="text">Text.</param>
    /// <returns>One line.</returns>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}

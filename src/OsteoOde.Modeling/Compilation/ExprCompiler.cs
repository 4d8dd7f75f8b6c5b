namespace OsteoOde.Modeling;

/// <summary>
/// Compiles free-standing expressions (no model, no unit check) to the same allocation-free delegates models use; handy for
/// custom readouts and for checking compiled code against the interpreter.
/// </summary>
public static class ExprCompiler
{
    /// <summary>Compiles <c>output[i] = outputs[i](t, y, p)</c>.</summary>
    /// <param name="outputs">Expressions over the named symbols and <see cref="Expr.Time"/> (no conditions).</param>
    /// <param name="stateNames">Symbols read from <c>y</c>, in index order.</param>
    /// <param name="parameterNames">Symbols read from <c>p</c>, in index order.</param>
    /// <returns>The delegate.</returns>
    /// <exception cref="ArgumentException">An expression reads a symbol that is in neither list, or a name is listed twice.</exception>
    public static ModelFunction Compile(IReadOnlyList<Expr> outputs, IReadOnlyList<string> stateNames, IReadOnlyList<string> parameterNames)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(stateNames);
        ArgumentNullException.ThrowIfNull(parameterNames);
        var states = Index(stateNames, nameof(stateNames));
        var parameters = Index(parameterNames, nameof(parameterNames));
        foreach (var name in states.Keys.Where(parameters.ContainsKey))
        {
            throw new ArgumentException($"'{name}' is listed both as a state and as a parameter.", nameof(parameterNames));
        }

        var known = states.Keys.Concat(parameters.Keys).ToList();
        foreach (var e in outputs)
        {
            ArgumentNullException.ThrowIfNull(e, nameof(outputs));
            if (e.IsCondition)
            {
                throw new ArgumentException($"Outputs must be numbers, not conditions ('{e}').", nameof(outputs));
            }

            foreach (var name in e.SymbolNames().Where(n => !states.ContainsKey(n) && !parameters.ContainsKey(n)))
            {
                throw new ArgumentException($"Unknown symbol '{name}' in '{e}'.{NameSuggestions.Hint(name, known)}", nameof(outputs));
            }
        }

        return new ExpressionCompiler(states, parameters).CompileVector(outputs, "expression");
    }

    private static Dictionary<string, int> Index(IReadOnlyList<string> names, string paramName)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (!d.TryAdd(names[i], i))
            {
                throw new ArgumentException($"'{names[i]}' is listed twice.", paramName);
            }
        }

        return d;
    }
}

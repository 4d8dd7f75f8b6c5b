namespace OsteoOde.Modeling;

/// <summary>
/// A compiled vector function of time, state and parameter vector, for example the right-hand side
/// (<c>output = dy/dt</c>), the Jacobian (<c>output[i·n + j] = ∂f_i/∂y_j</c>) or the observables. Writes every entry of
/// <paramref name="output"/>; reads but never writes <paramref name="y"/> and <paramref name="p"/>; allocates nothing.
/// </summary>
/// <param name="t">Time.</param>
/// <param name="y">State (length = number of states).</param>
/// <param name="p">Parameter vector: all parameters then all inputs, declaration order.</param>
/// <param name="output">Destination.</param>
public delegate void ModelFunction(double t, double[] y, double[] p, double[] output);

/// <summary>A compiled function of the parameter vector only (initial states).</summary>
/// <param name="p">Parameter vector.</param>
/// <param name="output">Destination.</param>
public delegate void ParameterFunction(double[] p, double[] output);

/// <summary>A compiled scalar function of time, state and parameter vector (event triggers).</summary>
/// <param name="t">Time.</param>
/// <param name="y">State.</param>
/// <param name="p">Parameter vector.</param>
/// <returns>The value.</returns>
public delegate double ModelScalarFunction(double t, double[] y, double[] p);

/// <summary>A compiled state change (event assignments): all new values are computed from the old state, then written.</summary>
/// <param name="t">Time.</param>
/// <param name="y">State, modified in place.</param>
/// <param name="p">Parameter vector.</param>
public delegate void ModelStateAction(double t, double[] y, double[] p);

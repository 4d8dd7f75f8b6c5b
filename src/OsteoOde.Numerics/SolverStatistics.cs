namespace OsteoOde.Numerics;

/// <summary>Work counters of one integration (immutable snapshot).</summary>
/// <param name="RhsEvaluations">Calls of the right-hand side, including those made for finite-difference Jacobians.</param>
/// <param name="JacobianEvaluations">Jacobian evaluations (analytic calls or finite-difference approximations).</param>
/// <param name="LuDecompositions">LU factorisations of iteration matrices.</param>
/// <param name="AcceptedSteps">Accepted steps.</param>
/// <param name="RejectedSteps">Rejected step attempts (error test, Newton failure, non-negativity, non-finite values).</param>
/// <param name="MethodSwitches">Switches between explicit and stiff methods (automatic method only).</param>
public readonly record struct SolverStatistics(
    long RhsEvaluations,
    long JacobianEvaluations,
    long LuDecompositions,
    long AcceptedSteps,
    long RejectedSteps,
    long MethodSwitches)
{
    /// <summary>Sum of two sets of counters (for solves made of several segments).</summary>
    /// <param name="a">First counters.</param>
    /// <param name="b">Second counters.</param>
    /// <returns>Component-wise sum.</returns>
    public static SolverStatistics operator +(SolverStatistics a, SolverStatistics b) => new(
        a.RhsEvaluations + b.RhsEvaluations,
        a.JacobianEvaluations + b.JacobianEvaluations,
        a.LuDecompositions + b.LuDecompositions,
        a.AcceptedSteps + b.AcceptedSteps,
        a.RejectedSteps + b.RejectedSteps,
        a.MethodSwitches + b.MethodSwitches);
}

/// <summary>Mutable work counters owned by a stepper; snapshot them with <see cref="Snapshot"/>.</summary>
public sealed class SolverCounters
{
    /// <summary>Right-hand-side calls.</summary>
    public long RhsEvaluations;

    /// <summary>Jacobian evaluations.</summary>
    public long JacobianEvaluations;

    /// <summary>LU factorisations.</summary>
    public long LuDecompositions;

    /// <summary>Accepted steps.</summary>
    public long AcceptedSteps;

    /// <summary>Rejected step attempts.</summary>
    public long RejectedSteps;

    /// <summary>Method switches.</summary>
    public long MethodSwitches;

    /// <summary>Immutable copy of the current counts.</summary>
    /// <returns>The counters as a <see cref="SolverStatistics"/> value.</returns>
    public SolverStatistics Snapshot() => new(
        RhsEvaluations, JacobianEvaluations, LuDecompositions, AcceptedSteps, RejectedSteps, MethodSwitches);
}

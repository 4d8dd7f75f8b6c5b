namespace OsteoOde.Testing;

/// <summary>
/// Measures what the current thread allocates. <see cref="GC.GetAllocatedBytesForCurrentThread"/> can report a few hundred
/// to a few thousand bytes the thread did not allocate when a garbage collection triggered elsewhere (the test runner's
/// own threads) falls into the window, so a measurement is repeated and the least value taken: an allocation made by the
/// measured code is deterministic and shows in every attempt.
/// </summary>
public static class AllocationProbe
{
    /// <summary>The least number of bytes allocated by the action <paramref name="prepare"/> returns, over a few attempts.</summary>
    /// <param name="prepare">Sets up one attempt (untimed, may allocate) and returns the code to measure.</param>
    /// <param name="attempts">Maximum number of attempts (stops at the first that allocates nothing).</param>
    /// <returns>The least allocation in bytes.</returns>
    public static long LeastAllocated(Func<Action> prepare, int attempts = 3)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        var least = long.MaxValue;
        for (var attempt = 0; attempt < attempts && least > 0; attempt++)
        {
            var measured = prepare();
            var before = GC.GetAllocatedBytesForCurrentThread();
            measured();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}

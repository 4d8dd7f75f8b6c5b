namespace OsteoOde.KernelHost;

/// <summary>
/// Passes standard input through and reports when it ends, so the host exits when the engine that started it goes away
/// (a killed engine closes the pipe but never sends Quit).
/// </summary>
internal sealed class EndOfInputReader(TextReader inner) : TextReader
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ended => _ended.Task;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        return c < 0 ? End(c) : c;
    }

    public override int Read(char[] buffer, int index, int count)
    {
        var n = inner.Read(buffer, index, count);
        return n == 0 && count > 0 ? End(n) : n;
    }

    public override string? ReadLine() => inner.ReadLine() ?? End<string>();

    public override async Task<string?> ReadLineAsync() => await inner.ReadLineAsync().ConfigureAwait(false) ?? End<string>();

    public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        await inner.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? End<string>();

    public override string ReadToEnd()
    {
        var text = inner.ReadToEnd();
        _ended.TrySetResult();
        return text;
    }

    private int End(int value)
    {
        _ended.TrySetResult();
        return value;
    }

    private T? End<T>()
        where T : class
    {
        _ended.TrySetResult();
        return null;
    }
}

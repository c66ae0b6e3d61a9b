namespace CompiledNets.Training;

/// <summary>The examples of the batch being stepped, copied on request by the worker that computes them.</summary>
internal interface IBatchSource<T>
{
    /// <summary>Copies examples <paramref name="first"/> to <paramref name="last"/> - 1 of the batch, one after another.</summary>
    void Gather(int first, int last, Span<T> inputs, Span<T> targets);
}

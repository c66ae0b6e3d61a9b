using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace CompiledNets.Numerics;

/// <summary>
/// The argument checks at the top of the generated batched methods, one call each: the inputs hold whole examples,
/// every other span holds one row per example (or the gradient one value per parameter), and no span the method
/// writes overlaps one it reads. A batch is worked through a few examples at a time, so a write into memory that later
/// examples still read would change their values (or, for the gradient, the weights) before they are read: a wrong
/// answer with no error. Each returns the number of examples.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchArguments
{
    /// <summary>PredictBatch's checks: whole examples in; one output row per example, apart from the inputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ForPredict<T>(ReadOnlySpan<T> inputs, Span<T> outputs, int inputSize, int outputSize)
    {
        int count = SpanLength.ExampleCount(inputs.Length, inputSize, nameof(inputs));
        SpanLength.CheckRows(outputs.Length, count, outputSize, nameof(outputs));
        CheckApart(outputs, nameof(outputs), inputs, nameof(inputs));
        return count;
    }

    /// <summary>
    /// ComputeLossBatch's checks: whole examples in; one target and one output row and one loss per example; the
    /// outputs and losses apart from the inputs, the targets and each other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ForComputeLoss<T>(
        ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> outputs, Span<T> losses, int inputSize, int outputSize)
    {
        int count = SpanLength.ExampleCount(inputs.Length, inputSize, nameof(inputs));
        SpanLength.CheckRows(targets.Length, count, outputSize, nameof(targets));
        SpanLength.CheckRows(outputs.Length, count, outputSize, nameof(outputs));
        SpanLength.Check(losses.Length, count, nameof(losses));
        CheckApart(outputs, nameof(outputs), inputs, nameof(inputs));
        CheckApart(outputs, nameof(outputs), targets, nameof(targets));
        CheckApart(losses, nameof(losses), inputs, nameof(inputs));
        CheckApart(losses, nameof(losses), targets, nameof(targets));
        CheckApart(losses, nameof(losses), outputs, nameof(outputs));
        return count;
    }

    /// <summary>
    /// BackpropagateBatch's checks: whole examples in; one target row per example; a gradient as long as the
    /// parameters, apart from the inputs, the targets and the parameters themselves (the backward pass reads the
    /// weights after it has added to the gradient of the layers above).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ForBackpropagate<T>(
        ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradient, ReadOnlySpan<T> parameters, int inputSize, int outputSize)
    {
        int count = SpanLength.ExampleCount(inputs.Length, inputSize, nameof(inputs));
        SpanLength.CheckRows(targets.Length, count, outputSize, nameof(targets));
        SpanLength.Check(gradient.Length, parameters.Length, nameof(gradient));
        CheckApart(gradient, nameof(gradient), inputs, nameof(inputs));
        CheckApart(gradient, nameof(gradient), targets, nameof(targets));
        CheckApart(gradient, nameof(gradient), parameters, "Parameters");
        return count;
    }

    /// <summary>Throws unless <paramref name="written"/> and <paramref name="read"/> share no memory (an empty span shares none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckApart<T>(ReadOnlySpan<T> written, string writtenName, ReadOnlySpan<T> read, string readName)
    {
        if (written.Overlaps(read))
            ThrowOverlap(writtenName, readName);
    }

    [DoesNotReturn]
    private static void ThrowOverlap(string writtenName, string readName)
        => throw new ArgumentException(
            $"{writtenName} overlaps {readName} in memory: the network works through a batch a few examples at a time, so " +
            $"writing {writtenName} would change {readName} before later examples read them. Pass spans that share no memory.",
            writtenName);
}

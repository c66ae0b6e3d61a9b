using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using CompiledNets.Numerics;
using CompiledNets.Reporting;

namespace CompiledNets.Data;

/// <summary>
/// Examples stored flat: example i's input is <c>Inputs[i*InputSize .. (i+1)*InputSize)</c>, its target
/// likewise in <see cref="Targets"/>. Classification sets also keep the class <see cref="Labels"/>.
/// </summary>
/// <remarks>
/// A set only reads its arrays. It shares them, with the caller who made it and with the sets <see cref="Slice"/>
/// cuts from it: nothing is copied.
/// </remarks>
public sealed class Dataset<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _inputs;
    private readonly T[] _targets;
    private readonly int[]? _labels;

    // This set's first example in the arrays: 0, or where a slice of a larger set starts.
    private readonly int _first;

    /// <summary>
    /// Wraps flat arrays (not copied). Throws if their lengths disagree with the sizes, or a label is not the class its
    /// example's target picks (see <see cref="Labels"/>).
    /// </summary>
    public Dataset(T[] inputs, int inputSize, T[] targets, int targetSize, int[]? labels = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetSize);
        if (inputs.Length % inputSize != 0)
            throw new ArgumentException($"inputs has {Counted.Of(inputs.Length, "value")}, not a multiple of the input size {inputSize}.", nameof(inputs));
        int count = inputs.Length / inputSize;
        if (targets.Length != (long)count * targetSize)
            throw new ArgumentException($"targets has {Counted.Of(targets.Length, "value")}; {Counted.Of(count, "example")} of {targetSize} {(count == 1 ? "needs" : "need")} {(long)count * targetSize}.", nameof(targets));
        if (labels is not null && labels.Length != count)
            throw new ArgumentException($"labels has {Counted.Of(labels.Length, "entry", "entries")} for {Counted.Of(count, "example")}.", nameof(labels));
        if (labels is not null)
            CheckLabelsMatchTargets(targets, targetSize, labels);
        _inputs = inputs;
        _targets = targets;
        _labels = labels;
        InputSize = inputSize;
        TargetSize = targetSize;
        Count = count;
    }

    /// <summary>
    /// Each label names the class its example's target picks: the class of the largest target value (ties pass, and so
    /// do smoothed targets), or, for targets of one value (a probability of class 1), the side of 0.5 it is on. A label
    /// that disagrees means labels and targets were shuffled or cut apart: accuracy would be scored against other
    /// examples' classes while the loss trains on the targets. Labels that are no class of the targets, and targets
    /// that are not finite, are left to the trainer, which names them.
    /// </summary>
    private static void CheckLabelsMatchTargets(T[] targets, int targetSize, int[] labels)
    {
        T half = T.CreateChecked(0.5);
        for (int n = 0; n < labels.Length; n++)
        {
            ReadOnlySpan<T> target = targets.AsSpan(n * targetSize, targetSize);
            int label = labels[n];
            if (targetSize == 1)
            {
                T p = target[0];
                if ((label == 0 && p > half) || (label == 1 && p < half))
                    throw new ArgumentException(
                        $"labels disagree with targets: example {n} is labelled {label}, but its target, {p}, is {(label == 0 ? "above" : "below")} 0.5 (class {1 - label}). " +
                        "Each label must be the class of its example's target; were labels shuffled or cut apart from the targets?", nameof(labels));
                continue;
            }

            if ((uint)label >= (uint)targetSize || VectorMath.IndexOfNonFinite(target) >= 0)
                continue;
            int largest = 0; // the first class of the largest value, as the accuracy's argmax picks it
            for (int k = 1; k < targetSize; k++)
            {
                if (target[k] > target[largest])
                    largest = k;
            }

            if (target[label] < target[largest])
                throw new ArgumentException(
                    $"labels disagree with targets: example {n} is labelled {label}, but its target is largest for class {largest} " +
                    $"({target[largest]} against {target[label]} for class {label}). Each label must be the class of its example's target; " +
                    "were labels shuffled or cut apart from the targets?", nameof(labels));
        }
    }

    /// <summary>A classification set: each label becomes a one-hot target of <paramref name="classCount"/> values.</summary>
    public static Dataset<T> FromLabels(T[] inputs, int inputSize, int[] labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        if ((long)labels.Length * classCount > Array.MaxLength)
            throw new ArgumentException($"{labels.Length} examples of {classCount} classes need more target values than one array holds.", nameof(classCount));
        var targets = new T[labels.Length * classCount];
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
                throw new ArgumentException($"label {labels[i]} of example {i} is not in [0, {classCount}).", nameof(labels));
            targets[i * classCount + labels[i]] = T.One;
        }
        return new Dataset<T>(inputs, inputSize, targets, classCount, labels);
    }

    /// <summary>Number of examples.</summary>
    public int Count { get; }

    /// <summary>Values per input.</summary>
    public int InputSize { get; }

    /// <summary>Values per target.</summary>
    public int TargetSize { get; }

    /// <summary>All inputs, one example after another.</summary>
    public ReadOnlySpan<T> Inputs => _inputs.AsSpan(_first * InputSize, Count * InputSize);

    /// <summary>All targets, one example after another.</summary>
    public ReadOnlySpan<T> Targets => _targets.AsSpan(_first * TargetSize, Count * TargetSize);

    /// <summary>
    /// Class labels, when the set was built from labels; else empty. A network's classes are its outputs, or 0 and 1
    /// when it has one output (a sigmoid's probability of class 1). Each label is the class its example's target picks:
    /// the one with the largest target value, or, for a target of one value, the side of 0.5 that value is on.
    /// </summary>
    public ReadOnlySpan<int> Labels => _labels is null ? default : _labels.AsSpan(_first, Count);

    /// <summary>Whether <see cref="Labels"/> holds a class per example.</summary>
    public bool HasLabels => _labels is not null;

    /// <summary>The input of example <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the trainer copies every example through it
    public ReadOnlySpan<T> Input(int index)
    {
        // A slice's arrays go on past its last example: an index past it must not read the next slice's.
        if ((uint)index >= (uint)Count)
            ThrowNotAnExample(index);
        return new ReadOnlySpan<T>(_inputs, (_first + index) * InputSize, InputSize);
    }

    /// <summary>The target of example <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<T> Target(int index)
    {
        if ((uint)index >= (uint)Count)
            ThrowNotAnExample(index);
        return new ReadOnlySpan<T>(_targets, (_first + index) * TargetSize, TargetSize);
    }

    /// <summary>
    /// Examples [start, start + count) as a set of their own, on this set's arrays (nothing is copied: a split of
    /// 60,000 MNIST images into training and validation sets costs no memory).
    /// </summary>
    public Dataset<T> Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((long)start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"[{start}, {(long)start + count}) exceeds the {Counted.Of(Count, "example")}.");
        return new Dataset<T>(this, _first + start, count);
    }

    private Dataset(Dataset<T> whole, int first, int count)
    {
        _inputs = whole._inputs;
        _targets = whole._targets;
        _labels = whole._labels;
        _first = first;
        InputSize = whole.InputSize;
        TargetSize = whole.TargetSize;
        Count = count;
    }

    // Out of line, so that Input and Target stay small enough to inline into the trainer's loops: with the message
    // built inside them, the 3-4-1 network trained through the trainer took 1.06-1.12x the time per example.
    [DoesNotReturn]
    private void ThrowNotAnExample(int index)
        => throw new ArgumentOutOfRangeException(nameof(index), $"Example {index} is not one of the {Counted.Of(Count, "example")} [0, {Count}).");
}

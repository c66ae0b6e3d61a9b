using System.Numerics;
using CompiledNets.Numerics;

namespace CompiledNets.Training;

/// <summary>
/// Changes each training example's input every time the trainer gathers it, so that no two epochs show the network
/// quite the same examples (set <see cref="TrainingOptions.Augmentation"/>). The trainer applies it to its own copy of
/// the input, never to the data set, on the training thread (except <see cref="RandomShift"/>, which threads that split
/// an image network's batches apply each to their own examples, replaying the same draws), with a generator seeded from
/// <see cref="TrainingOptions.Seed"/> and the epoch: the same options give the same run, and a resumed run
/// (<see cref="TrainingOptions.CheckpointPath"/>) gives what the uninterrupted one would have. Evaluation and
/// validation see the inputs unchanged.
/// </summary>
public abstract class Augmentation
{
    /// <summary>
    /// Throws an <see cref="ArgumentException"/> if inputs of <paramref name="inputSize"/> values are not what this
    /// augmentation works on. The trainer calls it once, before the first step.
    /// </summary>
    public virtual void CheckInputSize(int inputSize)
    {
    }

    /// <summary>
    /// Changes one example's input in place, drawing what it needs from <paramref name="random"/>. Called once per
    /// example per epoch, between steps: it should not allocate, so that training steps stay allocation-free.
    /// </summary>
    public abstract void Apply<T>(Span<T> input, ref SplitMix64 random)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// Whether <see cref="SkipDraws"/> advances a generator exactly as <see cref="Apply"/> does. Then threads that
    /// split a batch (an image network with Threads above 1) apply it each to their own examples, from generator
    /// states the training thread set aside in order: the same numbers as on one thread. The built-in augmentations
    /// can; others are applied on the training thread.
    /// </summary>
    internal virtual bool CanSkipDraws => false;

    /// <summary>Draws from <paramref name="random"/> what <see cref="Apply"/> would, and changes nothing else.</summary>
    internal virtual void SkipDraws(ref SplitMix64 random) => throw new NotSupportedException();

    /// <summary>
    /// Whether every value <see cref="Apply"/> writes is finite when its input is: true of the built-in augmentations,
    /// which move values and write zeros. The trainer checks every other augmentation's output, whose NaN would reach
    /// the parameters and read as divergence.
    /// </summary>
    internal virtual bool KeepsValuesFinite => false;
}

using System.Numerics;
using CompiledNets.Numerics;
using CompiledNets.Reporting;

namespace CompiledNets.Training;

/// <summary>
/// A rule that moves a network's parameters against its gradient: <see cref="Sgd"/> (with or without momentum),
/// <see cref="Adam"/> or <see cref="AdamW"/>. An optimizer owns its state (velocities, moment estimates, the step
/// count), created at its first step for that many parameters; each step updates every parameter and its state in
/// one vectorized pass and allocates nothing.
/// </summary>
/// <remarks>
/// <para>Use one optimizer for one network. Pass it to <see cref="Trainer.Train"/>, or call <see cref="Step{T}(Span{T}, ReadOnlySpan{T}, T)"/>
/// yourself after <c>Backpropagate</c>, as in a PyTorch loop. <see cref="Reset"/> forgets the state.</para>
/// <para>Options shared by every optimizer: <see cref="WeightDecay"/> and <see cref="MaxGradientNorm"/>, applied
/// in that order after the gradient is scaled: the norm is that of the scaled gradient, as PyTorch's
/// <c>clip_grad_norm_</c> sees the gradient of a mean loss.</para>
/// <para>An optimizer is not safe to use from several threads at once.</para>
/// </remarks>
public abstract class Optimizer
{
    /// <summary>
    /// State values (velocities, moment estimates) smaller than this are set to zero. State that stops receiving
    /// gradient (that of a pixel no example lights) decays geometrically, down into the subnormal floats, where each
    /// arithmetic operation takes a slow microcode assist on Intel CPUs, and .NET cannot turn on flush-to-zero: the
    /// digits sample trained at half speed from its third epoch on. A step built from values below 1e-30 moves no float
    /// parameter larger than about 1e-22 (no double larger than 1e-14), so the flush changes nothing a network computes.
    /// </summary>
    public const double FlushBelow = 1e-30;

    private double _learningRate;
    private Array? _state; // T[] on the pinned heap, created by the first step: StateBuffers buffers of the parameter count
    private int _parameterCount;
    private int _stateStart, _stateStride; // buffer b's first value is _state[_stateStart + b * _stateStride]
    private WeakReference<object>? _network; // the network the trainer stepped with this state, weakly: not kept alive

    /// <summary>An optimizer with this learning rate.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The learning rate is not a positive finite number.</exception>
    protected Optimizer(double learningRate) => LearningRate = learningRate;

    /// <summary>The step size. <see cref="Trainer.Train"/> scales it by the run's schedule for each epoch, without changing it here.</summary>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value > 0) || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "The learning rate must be a positive finite number.");
            _learningRate = value;
        }
    }

    /// <summary>
    /// L2 penalty lambda: <c>lambda * parameter</c> is added to each parameter's gradient before the update (for
    /// <see cref="AdamW"/>, the decay is decoupled instead: see there). Default 0.
    /// </summary>
    public double WeightDecay
    {
        get;
        init => field = value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(WeightDecay), value, "Weight decay must be a finite number, 0 or more.");
    }

    /// <summary>
    /// Clipping by global norm: the (scaled) gradient is multiplied by <c>MaxGradientNorm / (norm + 1e-6)</c> where that
    /// is below 1, with norm its Euclidean norm over all parameters, as PyTorch's <c>clip_grad_norm_</c> does.
    /// Default: positive infinity, no clipping.
    /// </summary>
    public double MaxGradientNorm
    {
        get;
        init => field = value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxGradientNorm), value, "The largest gradient norm must be positive (infinity: no clipping).");
    } = double.PositiveInfinity;

    /// <summary>How many steps this optimizer has taken since it was created or <see cref="Reset"/>.</summary>
    public long Steps { get; private set; }

    /// <summary>Forgets the state: the next step is taken as the first.</summary>
    public void Reset()
    {
        _state = null;
        _network = null;
        _parameterCount = 0;
        Steps = 0;
    }

    /// <summary>One step: <paramref name="parameters"/> move against <paramref name="gradient"/>.</summary>
    /// <param name="parameters">A network's <c>Parameters</c>.</param>
    /// <param name="gradient">dLoss/dParameters, the same length.</param>
    public void Step<T>(Span<T> parameters, ReadOnlySpan<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Step(parameters, gradient, T.One);

    /// <summary>One step on <paramref name="gradientScale"/> times <paramref name="gradient"/>.</summary>
    /// <param name="parameters">A network's <c>Parameters</c>.</param>
    /// <param name="gradient">dLoss/dParameters, the same length.</param>
    /// <param name="gradientScale">
    /// Multiplies the gradient: <c>1 / n</c> turns the sum that <c>BackpropagateBatch</c> returns for n examples into
    /// their mean, so that the learning rate means the same at any batch size.
    /// </param>
    /// <exception cref="ArgumentException">The spans differ in length, or the optimizer's state was made for another
    /// parameter count or element type (one optimizer per network; <see cref="Reset"/> to reuse it).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gradientScale"/> is NaN or infinite.</exception>
    public void Step<T>(Span<T> parameters, ReadOnlySpan<T> gradient, T gradientScale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (gradient.Length != parameters.Length)
            throw new ArgumentException($"The gradient has {Counted.Of(gradient.Length, "value")} but there are {Counted.Of(parameters.Length, "parameter")}.", nameof(gradient));
        // 1 / n over an empty batch is infinity: every parameter would turn NaN without a word.
        if (!T.IsFinite(gradientScale))
        {
            throw new ArgumentOutOfRangeException(nameof(gradientScale), gradientScale,
                "The gradient scale must be a finite number (1 / n for the mean over n examples, n 1 or more).");
        }

        Step(parameters, gradient, gradientScale, T.CreateChecked(LearningRate));
    }

    /// <summary>A step at <paramref name="learningRate"/> (the trainer's scheduled rate), lengths already checked.</summary>
    internal void Step<T>(Span<T> parameters, ReadOnlySpan<T> gradient, T gradientScale, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (T[] state, T scale) = BeginStep(parameters.Length, gradient, gradientScale);
        UpdateRange(parameters, gradient, scale, learningRate, state, 0);
    }

    /// <summary>
    /// What a step does before its updates: the state, the gradient's scale with clipping applied (the global norm
    /// needs the whole gradient), and the step counted. The updates follow, on the whole or in ranges.
    /// </summary>
    internal (T[] State, T Scale) BeginStep<T>(int parameterCount, ReadOnlySpan<T> gradient, T gradientScale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] state = StateFor<T>(parameterCount);
        T scale = gradientScale * ClipFactor(gradient, gradientScale);
        BeginStep();
        return (state, scale);
    }

    /// <summary>State buffers per parameter: 0 for plain SGD, 1 for momentum, 2 for Adam.</summary>
    internal abstract int StateBuffers { get; }

    /// <summary>
    /// What to change when training with this optimizer diverges, where its settings explain it better than "a smaller
    /// learning rate" does; null otherwise.
    /// </summary>
    internal virtual string? DivergenceAdvice => null;

    /// <summary>The state, created for <paramref name="parameterCount"/> parameters of type T at the first step.</summary>
    internal T[] StateFor<T>(int parameterCount)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (_state is null)
        {
            // Each buffer starts on a 64-byte boundary, as the parameters and the gradient do: the update streams all
            // of them with vector loads, and a load that spans two cache lines costs about two.
            int stride = AlignedArray.WholeLines<T>(parameterCount);
            ArraySegment<T> buffers = AlignedArray.Allocate<T>(StateBuffers * stride);
            _state = buffers.Array!;
            _stateStart = buffers.Offset;
            _stateStride = stride;
            _parameterCount = parameterCount;
        }

        if (_state is not T[] state || _parameterCount != parameterCount)
        {
            throw new ArgumentException(
                $"This {GetType().Name} holds state for {_parameterCount} {_state.GetType().GetElementType()!.Name} {(_parameterCount == 1 ? "parameter" : "parameters")}, " +
                $"not {parameterCount} {typeof(T).Name}: use one optimizer per network, or call Reset() first.");
        }

        return state;
    }

    /// <summary>
    /// Ties the state to <paramref name="network"/>, for the trainer: another network of the same type would carry on
    /// with the first one's velocities or moment estimates and step count, without a word. State that steps made by
    /// hand created cannot be told apart, and is tied to the network the trainer gets first.
    /// </summary>
    /// <exception cref="ArgumentException">The state belongs to another network.</exception>
    internal void ClaimFor(object network)
    {
        if (_network is not null && _network.TryGetTarget(out object? owner) && ReferenceEquals(owner, network))
            return;
        if (_state is not null && _network is not null)
        {
            throw new ArgumentException(
                $"This {GetType().Name} holds the state of another network it trained ({Counted.Of(Steps, "step")}): " +
                "use one optimizer per network, or call Reset() first.", "optimizer");
        }

        _network = new WeakReference<object>(network);
    }

    /// <summary>Counts a step; call once per step, before <see cref="UpdateRange"/> on its ranges.</summary>
    internal void BeginStep() => Steps++;

    /// <summary>
    /// The step for the parameters that start at <paramref name="offset"/> in the network (the state is indexed from
    /// there): each value's update reads only that value, its gradient and its state, so a step can be split into
    /// ranges, in any order, on any threads, with the same result.
    /// </summary>
    internal abstract void UpdateRange<T>(Span<T> parameters, ReadOnlySpan<T> gradient, T gradientScale, T learningRate, T[] state, int offset)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>State buffer <paramref name="buffer"/>'s values for the range at <paramref name="offset"/>.</summary>
    internal Span<T> StateRange<T>(T[] state, int buffer, int offset, int length)
        => state.AsSpan(_stateStart + buffer * _stateStride + offset, length);

    /// <summary>1, or what brings the scaled gradient's norm down to <see cref="MaxGradientNorm"/>.</summary>
    internal T ClipFactor<T>(ReadOnlySpan<T> gradient, T gradientScale)
        where T : unmanaged, IFloatingPointIeee754<T>
        => double.IsPositiveInfinity(MaxGradientNorm) ? T.One : ClipFactorFromSquares(GradientNorms.SumOfSquares(gradient), gradientScale);

    /// <summary>The clip factor from the gradient's sum of squares (the parallel trainer sums it in parts).</summary>
    internal T ClipFactorFromSquares<T>(double sumOfSquares, T gradientScale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double norm = Math.Abs(double.CreateChecked(gradientScale)) * Math.Sqrt(sumOfSquares);
        double factor = MaxGradientNorm / (norm + 1e-6); // PyTorch's formula, 1e-6 included
        return factor < 1 ? T.CreateChecked(factor) : T.One;
    }

    /// <summary>
    /// The state and step count, for a checkpoint: the buffers end to end, StateBuffers x parameter count values (null
    /// before the first step).
    /// </summary>
    internal (T[]? State, long Steps) ExportState<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (_state is not T[] state)
            return (null, Steps);

        var values = new T[StateBuffers * _parameterCount];
        for (int buffer = 0; buffer < StateBuffers; buffer++)
            StateRange(state, buffer, 0, _parameterCount).CopyTo(values.AsSpan(buffer * _parameterCount));
        return (values, Steps);
    }

    /// <summary>Takes the state and step count a checkpoint saved (its length already checked).</summary>
    internal void ImportState<T>(ReadOnlySpan<T> state, int parameterCount, long steps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Reset();
        T[] buffers = StateFor<T>(parameterCount);
        for (int buffer = 0; buffer < StateBuffers; buffer++)
            state.Slice(buffer * parameterCount, parameterCount).CopyTo(StateRange(buffers, buffer, 0, parameterCount));
        Steps = steps;
    }

    /// <summary>The optimizer and every setting, e.g. <c>Sgd(LearningRate = 0.05, Momentum = 0.9, ...)</c>.</summary>
    public override string ToString()
        => FormattableString.Invariant($"{GetType().Name}(LearningRate = {LearningRate:R}, {DescribeSettings()}WeightDecay = {WeightDecay:R}, MaxGradientNorm = {MaxGradientNorm:R})");

    /// <summary>The settings of the concrete optimizer, each followed by ", ".</summary>
    private protected abstract string DescribeSettings();

    /// <summary>Throws unless <paramref name="value"/> is in [0, 1).</summary>
    private protected static double InUnitInterval(double value, string name)
        => value >= 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1).");
}

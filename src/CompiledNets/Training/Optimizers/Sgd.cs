using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CompiledNets.Numerics;

namespace CompiledNets.Training;

/// <summary>
/// Stochastic gradient descent, as PyTorch's <c>torch.optim.SGD</c> (no dampening). With g the scaled gradient plus
/// <see cref="Optimizer.WeightDecay"/> times the parameter:
/// <list type="bullet">
/// <item>plain (the tutorials'): <c>w -= learningRate * g</c>;</item>
/// <item>classical momentum mu: <c>v = mu * v + g</c>, then <c>w -= learningRate * v</c>;</item>
/// <item>Nesterov momentum: the same v, then <c>w -= learningRate * (g + mu * v)</c>.</item>
/// </list>
/// </summary>
public sealed class Sgd : Optimizer
{
    /// <summary>SGD with this learning rate and, optionally, momentum.</summary>
    /// <param name="learningRate">The step size, positive.</param>
    /// <param name="momentum">mu in [0, 1); 0 is plain SGD.</param>
    /// <param name="nesterov">Nesterov's form of momentum; needs a momentum above 0.</param>
    public Sgd(double learningRate = 0.01, double momentum = 0, bool nesterov = false)
        : base(learningRate)
    {
        Momentum = InUnitInterval(momentum, nameof(momentum));
        if (nesterov && momentum == 0)
            throw new ArgumentException("Nesterov momentum needs a momentum above 0.", nameof(nesterov));
        Nesterov = nesterov;
    }

    /// <summary>mu: how much of the previous step's velocity each step keeps. 0 is plain SGD.</summary>
    public double Momentum { get; }

    /// <summary>Whether the step looks ahead along the velocity (Nesterov) or follows it (classical).</summary>
    public bool Nesterov { get; }

    /// <summary>True for plain SGD with no weight decay and no clipping: what a generated <c>TrainStep</c> does, fused.</summary>
    internal bool IsPlain => Momentum == 0 && WeightDecay == 0 && double.IsPositiveInfinity(MaxGradientNorm);

    internal override int StateBuffers => Momentum == 0 ? 0 : 1;

    private protected override string DescribeSettings()
        => FormattableString.Invariant($"Momentum = {Momentum:R}, Nesterov = {Nesterov}, ");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // no slow first epochs: see DenseKernelBodies
    internal override void UpdateRange<T>(Span<T> parameters, ReadOnlySpan<T> gradient, T gradientScale, T learningRate, T[] state, int offset)
    {
        T decay = T.CreateChecked(WeightDecay);
        if (Momentum == 0 && decay == T.Zero)
        {
            // The generated ApplyGradient's update, so the two give the same bits.
            VectorMath.SubtractScaled(parameters, gradient, learningRate * gradientScale);
            return;
        }

        if (Momentum == 0)
        {
            var decayed = new DecayedStep<T>(parameters, gradient, gradientScale, learningRate, decay);
            Elementwise.Run<DecayedStep<T>, T>(ref decayed, parameters.Length);
            return;
        }

        var step = new MomentumStep<T>(
            parameters, gradient, StateRange(state, 0, offset, parameters.Length), gradientScale, learningRate, decay,
            T.CreateChecked(Momentum), Nesterov);
        Elementwise.Run<MomentumStep<T>, T>(ref step, parameters.Length);
    }

    /// <summary>Plain SGD with weight decay lambda: <c>w -= learningRate * (scale * gradient + lambda * w)</c>.</summary>
    private ref struct DecayedStep<T>(Span<T> parameters, ReadOnlySpan<T> gradient, T scale, T learningRate, T decay)
        : IElementwiseFormula<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly ref T _w = ref MemoryMarshal.GetReference(parameters);
        private readonly ref T _g = ref MemoryMarshal.GetReference(gradient);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Apply<TWidth, TVector>(nuint index)
            where TWidth : struct, IVectorWidth<TVector, T>
            where TVector : struct
        {
            TVector w = TWidth.Load(ref _w, index), g = TWidth.Load(ref _g, index);
            TVector change = TWidth.Multiply(TWidth.Broadcast(learningRate),
                TWidth.Add(TWidth.Multiply(TWidth.Broadcast(scale), g), TWidth.Multiply(TWidth.Broadcast(decay), w)));
            TWidth.Store(TWidth.Subtract(w, change), ref _w, index);
        }
    }

    /// <summary>g = scale * gradient + lambda * w; v = mu * v + g (flushed); w -= learningRate * (Nesterov ? g + mu * v : v).</summary>
    private ref struct MomentumStep<T>(
        Span<T> parameters, ReadOnlySpan<T> gradient, Span<T> velocity, T scale, T learningRate, T decay, T momentum, bool nesterov)
        : IElementwiseFormula<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly ref T _w = ref MemoryMarshal.GetReference(parameters);
        private readonly ref T _g = ref MemoryMarshal.GetReference(gradient);
        private readonly ref T _v = ref MemoryMarshal.GetReference(velocity);
        private readonly T _tiny = T.CreateChecked(FlushBelow);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Apply<TWidth, TVector>(nuint index)
            where TWidth : struct, IVectorWidth<TVector, T>
            where TVector : struct
        {
            TVector w = TWidth.Load(ref _w, index);
            TVector g = TWidth.Multiply(TWidth.Broadcast(scale), TWidth.Load(ref _g, index));
            if (decay != T.Zero)
                g = TWidth.Add(g, TWidth.Multiply(TWidth.Broadcast(decay), w));
            TVector mu = TWidth.Broadcast(momentum);
            TVector v = TWidth.FlushBelow(TWidth.Add(TWidth.Multiply(mu, TWidth.Load(ref _v, index)), g), TWidth.Broadcast(_tiny));
            TWidth.Store(v, ref _v, index);
            TVector direction = nesterov ? TWidth.Add(g, TWidth.Multiply(mu, v)) : v;
            TWidth.Store(TWidth.Subtract(w, TWidth.Multiply(TWidth.Broadcast(learningRate), direction)), ref _w, index);
        }
    }
}

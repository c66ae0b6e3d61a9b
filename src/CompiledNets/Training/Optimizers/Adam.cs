using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CompiledNets.Numerics;

namespace CompiledNets.Training;

/// <summary>
/// Adam (Kingma and Ba, 2015), as PyTorch's <c>torch.optim.Adam</c>. At step t, with g the scaled gradient plus
/// <see cref="Optimizer.WeightDecay"/> times the parameter:
/// <code>
/// m = beta1 * m + (1 - beta1) * g           // running mean of the gradient
/// v = beta2 * v + (1 - beta2) * g * g       // running mean of its square
/// w -= (learningRate / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + epsilon)
/// </code>
/// Each parameter moves by about the learning rate at most, whatever the scale of its gradient.
/// </summary>
public class Adam : Optimizer
{
    /// <summary>Adam with PyTorch's defaults: learning rate 0.001, betas 0.9 and 0.999, epsilon 1e-8.</summary>
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(learningRate)
    {
        Beta1 = InUnitInterval(beta1, nameof(beta1));
        Beta2 = InUnitInterval(beta2, nameof(beta2));
        Epsilon = epsilon >= 0 && double.IsFinite(epsilon)
            ? epsilon
            : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a finite number, 0 or more.");
    }

    /// <summary>How much of the gradient's running mean each step keeps.</summary>
    public double Beta1 { get; }

    /// <summary>How much of the squared gradient's running mean each step keeps.</summary>
    public double Beta2 { get; }

    /// <summary>
    /// Added to the root of the squared mean, so that a parameter whose gradient is about 0 does not jump. 0 is allowed, as
    /// in PyTorch, but then a parameter whose gradient has always been 0 moves by 0 / 0 and training diverges (the trainer
    /// says so).
    /// </summary>
    public double Epsilon { get; }

    /// <summary>True when weight decay shrinks the parameters directly (AdamW) instead of adding to the gradient.</summary>
    private protected virtual bool DecoupledDecay => false;

    internal override int StateBuffers => 2;

    // PyTorch takes epsilon 0 too, and turns NaN the same way.
    internal override string? DivergenceAdvice => Epsilon == 0
        ? "Adam's epsilon is 0, so a parameter whose gradient has been 0 at every step (the weight of an input that is always 0, " +
          "say) moves by 0 / 0, which is NaN: give epsilon a small positive value, such as the default 1e-8"
        : null;

    private protected override string DescribeSettings()
        => FormattableString.Invariant($"Beta1 = {Beta1:R}, Beta2 = {Beta2:R}, Epsilon = {Epsilon:R}, ");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // no slow first epochs: see DenseKernelBodies
    internal override void UpdateRange<T>(Span<T> parameters, ReadOnlySpan<T> gradient, T gradientScale, T learningRate, T[] state, int offset)
    {
        // The per-step numbers, in double: 1 - beta^t loses everything in float once beta^t is near 1.
        double rate = double.CreateChecked(learningRate);
        double firstCorrection = 1 - Math.Pow(Beta1, Steps), secondCorrection = 1 - Math.Pow(Beta2, Steps);
        var step = new AdamStep<T>
        {
            Scale = gradientScale,
            CoupledDecay = DecoupledDecay ? T.Zero : T.CreateChecked(WeightDecay),
            Shrink = T.CreateChecked(DecoupledDecay ? 1 - rate * WeightDecay : 1),
            Beta1 = T.CreateChecked(Beta1),
            OneMinusBeta1 = T.CreateChecked(1 - Beta1),
            Beta2 = T.CreateChecked(Beta2),
            OneMinusBeta2 = T.CreateChecked(1 - Beta2),
            StepSize = T.CreateChecked(rate / firstCorrection),
            InverseRootOfSecondCorrection = T.CreateChecked(1 / Math.Sqrt(secondCorrection)),
            Epsilon = T.CreateChecked(Epsilon),
            Tiny = T.CreateChecked(FlushBelow),
        };
        step.Bind(parameters, gradient, StateRange(state, 0, offset, parameters.Length), StateRange(state, 1, offset, parameters.Length));
        Elementwise.Run<AdamStep<T>, T>(ref step, parameters.Length);
    }

    /// <summary>One Adam step per value; m and v are flushed to 0 below <see cref="Optimizer.FlushBelow"/>.</summary>
    private ref struct AdamStep<T> : IElementwiseFormula<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Scale, CoupledDecay, Shrink, Beta1, OneMinusBeta1, Beta2, OneMinusBeta2, StepSize, InverseRootOfSecondCorrection, Epsilon, Tiny;
        private ref T _w, _g, _m, _v;

        public void Bind(Span<T> parameters, ReadOnlySpan<T> gradient, Span<T> mean, Span<T> squareMean)
        {
            _w = ref MemoryMarshal.GetReference(parameters);
            _g = ref MemoryMarshal.GetReference(gradient);
            _m = ref MemoryMarshal.GetReference(mean);
            _v = ref MemoryMarshal.GetReference(squareMean);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Apply<TWidth, TVector>(nuint index)
            where TWidth : struct, IVectorWidth<TVector, T>
            where TVector : struct
        {
            TVector w = TWidth.Load(ref _w, index);
            TVector g = TWidth.Multiply(TWidth.Broadcast(Scale), TWidth.Load(ref _g, index));
            if (CoupledDecay != T.Zero)
                g = TWidth.Add(g, TWidth.Multiply(TWidth.Broadcast(CoupledDecay), w));
            if (Shrink != T.One)
                w = TWidth.Multiply(w, TWidth.Broadcast(Shrink)); // AdamW: w *= 1 - learningRate * lambda, first

            TVector tiny = TWidth.Broadcast(Tiny);
            TVector m = TWidth.Load(ref _m, index);
            m = TWidth.FlushBelow(TWidth.Add(TWidth.Multiply(TWidth.Broadcast(Beta1), m), TWidth.Multiply(TWidth.Broadcast(OneMinusBeta1), g)), tiny);
            TVector v = TWidth.Multiply(TWidth.Broadcast(Beta2), TWidth.Load(ref _v, index));
            v = TWidth.FlushBelow(TWidth.Add(v, TWidth.Multiply(TWidth.Multiply(TWidth.Broadcast(OneMinusBeta2), g), g)), tiny);
            TWidth.Store(m, ref _m, index);
            TWidth.Store(v, ref _v, index);

            // sqrt(v) / sqrt(1 - beta2^t) as a product with the reciprocal: one division per value instead of two.
            TVector denominator = TWidth.Add(TWidth.Multiply(TWidth.Sqrt(v), TWidth.Broadcast(InverseRootOfSecondCorrection)), TWidth.Broadcast(Epsilon));
            TWidth.Store(TWidth.Subtract(w, TWidth.Multiply(TWidth.Broadcast(StepSize), TWidth.Divide(m, denominator))), ref _w, index);
        }
    }
}

/// <summary>
/// Adam with decoupled weight decay (Loshchilov and Hutter, 2019), as PyTorch's <c>torch.optim.AdamW</c>: each step
/// first shrinks every parameter, <c>w *= 1 - learningRate * WeightDecay</c>, then takes the Adam step on the
/// gradient alone. Unlike an L2 term in the gradient, the decay is not divided by Adam's per-parameter scale.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>AdamW with PyTorch's defaults: learning rate 0.001, betas 0.9 and 0.999, epsilon 1e-8, weight decay 0.01.</summary>
    public AdamW(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.01)
        : base(learningRate, beta1, beta2, epsilon)
        => WeightDecay = weightDecay;

    private protected override bool DecoupledDecay => true;
}

using System.Numerics;
using CompiledNets.Numerics;
using CompiledNets.Reporting;

namespace CompiledNets.Diagnostics;

/// <summary>
/// Checks a network's backpropagation against the definition of a derivative: for each parameter w,
/// (L(w + h) - L(w - h)) / 2h, the central finite difference of <c>ComputeLoss</c>. For a tight check, declare a copy
/// of the network with <c>Precision = Precision.Double</c>: fresh digits networks (dense and convolutional) agree to
/// about 1e-7 there. In float, rounding the loss limits what any step can show: with a step of 1e-2 and an error floor
/// of 1e-2, a tanh digits network agrees to about 1e-3, a ReLU one to 1e-3-0.3 depending on the example, since that
/// step crosses kinks (below) that a step small enough to pass them by cannot resolve in float.
/// </summary>
/// <remarks>
/// A loss with kinks (ReLU at 0, a tie in a max-pool window) has two slopes where a kink lies within h of w, and the
/// central difference is their average, which no backpropagation computes. Where the slopes left and right of w
/// disagree, the check measures again with a step a hundred times smaller, which passes a nearby kink by; where they
/// still disagree, w sits on the kink itself (a fresh network's zero biases under an all-zero input or a blank image
/// border), and either slope is a correct gradient. <see cref="GradientCheckResult.ParametersNearKinks"/> counts the
/// parameters where a kink explained a disagreement.
/// </remarks>
public static class GradientCheck
{
    // Slopes left and right of w that differ by more than this fraction of the larger one may straddle a kink; a smooth
    // loss's differ by about h |L''|, far less at double's step of 1e-5 (at float's 1e-2, often more).
    private const double KinkGap = 0.01;
    private const double NarrowStepDivisor = 100;

    // ...and by more than the rounding of the loss can make them differ: each slope divides it by the step, about
    // u |L| / h for a loss rounded to u (6e-8 in float, 1e-16 in double), with room for the sums that compute it.
    private const double RoundingMargin = 100;

    /// <summary>
    /// Compares <c>Backpropagate</c> with central differences for every parameter, or for
    /// <paramref name="sampleSize"/> of them drawn with <paramref name="seed"/> when the network is large.
    /// The network's parameters are restored exactly afterwards.
    /// </summary>
    /// <param name="network">The network; its parameters are perturbed and then restored.</param>
    /// <param name="input">One example's input.</param>
    /// <param name="target">Its target.</param>
    /// <param name="sampleSize">Check this many parameters, drawn at random; null checks all of them.</param>
    /// <param name="seed">Seed of that draw.</param>
    /// <param name="step">h: the parameter perturbation. 1e-5 suits double; use about 1e-2 for float (see above).</param>
    /// <param name="errorFloor">
    /// Relative errors are |analytic - numeric| / max(|analytic|, |numeric|, errorFloor * max(1, |L|)), so
    /// gradients that are both near zero are compared absolutely instead of dividing rounding noise by nearly
    /// nothing. The noise of central differences grows with the loss L (about 1e-16 |L| / h), hence the scaling;
    /// with the defaults and a bound of 1e-6, tiny gradients must still agree within 1e-10 (times |L| if larger).
    /// </param>
    public static GradientCheckResult Run<TNet, T>(
        TNet network, ReadOnlySpan<T> input, ReadOnlySpan<T> target,
        int? sampleSize = null, int seed = 1, double step = 1e-5, double errorFloor = 1e-4)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(step > 0) || double.IsInfinity(step)) // an infinite step only measures NaN differences
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be a positive finite number.");
        if (!(errorFloor >= 0) || double.IsInfinity(errorFloor)) // NaN would make every error NaN
            throw new ArgumentOutOfRangeException(nameof(errorFloor), errorFloor, "The error floor must be a finite number, 0 or more.");
        var analytic = new T[TNet.ParameterCount];
        double loss = double.CreateChecked(network.Backpropagate(input, target, analytic));
        double floor = errorFloor * Math.Max(1, Math.Abs(loss));
        double lossAtW = double.CreateChecked(network.ComputeLoss(input, target)); // the middle point of the one-sided slopes

        int[] indices = ChooseParameters(TNet.ParameterCount, sampleSize, seed);
        Span<T> parameters = network.Parameters;
        var result = new GradientCheckResult(0, -1, 0, 0, indices.Length, 0);
        int nearKinks = 0;
        T wide = T.CreateChecked(step), narrow = T.CreateChecked(step / NarrowStepDivisor);
        double lossRounding = RoundingMargin * double.CreateChecked(T.One - T.BitDecrement(T.One)) * Math.Max(1, Math.Abs(loss));
        foreach (int index in indices)
        {
            double exact = double.CreateChecked(analytic[index]);
            Slopes slopes = Measure(network, parameters, index, wide, lossAtW, input, target);
            (double error, double numeric) = (RelativeError(exact, slopes.Central, floor), slopes.Central);
            if (error > 0 && slopes.StraddleKink(floor, lossRounding / step))
            {
                double centralError = error;
                Slopes closer = Measure(network, parameters, index, narrow, lossAtW, input, target);
                Consider(closer.Central);
                if (closer.StraddleKink(floor, lossRounding * NarrowStepDivisor / step))
                {
                    // On the kink: the gradient is one of the two slopes (ReLU'(0) = 0 is the left one).
                    Consider(closer.Left);
                    Consider(closer.Right);
                }

                // Counted where the kink mattered: a curved loss also has unequal slopes at a large step (float's 1e-2),
                // but there the central difference was already the better measure.
                if (error < centralError / 2)
                    nearKinks++;
            }

            // A NaN error (an infinite or NaN gradient on either side) is the worst there is, and the first one stays.
            bool worse = result.WorstParameter < 0
                         || (!double.IsNaN(result.WorstRelativeError) && (double.IsNaN(error) || error > result.WorstRelativeError));
            if (worse)
                result = result with { WorstRelativeError = error, WorstParameter = index, Analytic = exact, Numeric = numeric };

            void Consider(double candidate)
            {
                double candidateError = RelativeError(exact, candidate, floor);
                if (candidateError < error) // a NaN candidate never wins: NaN < x is false
                    (error, numeric) = (candidateError, candidate);
            }
        }

        return result with { ParametersNearKinks = nearKinks };
    }

    /// <summary>The loss's slopes at parameter <paramref name="index"/>, over the perturbations actually applied after rounding to T.</summary>
    private static Slopes Measure<TNet, T>(TNet network, Span<T> parameters, int index, T h, double lossAtW,
        ReadOnlySpan<T> input, ReadOnlySpan<T> target)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T original = parameters[index];
        parameters[index] = original + h;
        double lossPlus = double.CreateChecked(network.ComputeLoss(input, target));
        parameters[index] = original - h;
        double lossMinus = double.CreateChecked(network.ComputeLoss(input, target));
        parameters[index] = original;

        double stepUp = double.CreateChecked((original + h) - original), stepDown = double.CreateChecked(original - (original - h));
        return new Slopes(
            Left: (lossAtW - lossMinus) / stepDown,
            Right: (lossPlus - lossAtW) / stepUp,
            Central: (lossPlus - lossMinus) / (stepUp + stepDown));
    }

    private static double RelativeError(double exact, double numeric, double floor)
    {
        double scale = Math.Max(Math.Max(Math.Abs(exact), Math.Abs(numeric)), floor);
        // Equal finite gradients agree exactly, also where both are 0 and an error floor of 0 would give 0 / 0.
        return exact == numeric && double.IsFinite(exact) ? 0 : Math.Abs(exact - numeric) / scale;
    }

    private readonly record struct Slopes(double Left, double Right, double Central)
    {
        public bool StraddleKink(double floor, double roundingNoise)
            => Math.Abs(Right - Left) > Math.Max(KinkGap * Math.Max(Math.Max(Math.Abs(Left), Math.Abs(Right)), floor), roundingNoise);
    }

    private static int[] ChooseParameters(int count, int? sampleSize, int seed)
    {
        if (sampleSize is null || sampleSize >= count)
            return Enumerable.Range(0, count).ToArray();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleSize.Value, nameof(sampleSize));
        var random = new SplitMix64(seed);
        var chosen = new HashSet<int>();
        while (chosen.Count < sampleSize.Value)
            chosen.Add(random.NextInt32(count));
        return chosen.Order().ToArray();
    }
}

/// <summary>The outcome of a <see cref="GradientCheck"/>: the worst disagreement and where it is.</summary>
/// <param name="WorstRelativeError">The largest relative error over the parameters checked; NaN where a gradient, either one, is infinite or NaN.</param>
/// <param name="WorstParameter">Index into <c>Parameters</c> of that parameter.</param>
/// <param name="Analytic">Its gradient from <c>Backpropagate</c>.</param>
/// <param name="Numeric">Its gradient from finite differences: the central one, or near a kink the one that agreed best.</param>
/// <param name="ParametersChecked">How many parameters were compared.</param>
/// <param name="ParametersNearKinks">How many of them had a kink of the loss within the step that explained the disagreement:
/// the central difference missed, and a 100x smaller step or the slope on one side agreed at least twice as well (see
/// <see cref="GradientCheck"/>).</param>
public readonly record struct GradientCheckResult(
    double WorstRelativeError, int WorstParameter, double Analytic, double Numeric, int ParametersChecked, int ParametersNearKinks)
{
    /// <inheritdoc/>
    public override string ToString()
        => $"worst relative error {WorstRelativeError:G3} at parameter {WorstParameter} " +
           $"(backpropagation {Analytic:G6}, finite differences {Numeric:G6}; {Counted.Of(ParametersChecked, "parameter")} checked" +
           (ParametersNearKinks > 0 ? $", {ParametersNearKinks} near kinks of the loss, measured again)" : ")");
}

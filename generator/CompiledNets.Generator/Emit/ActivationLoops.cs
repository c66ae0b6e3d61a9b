using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// Applies an activation to a whole buffer: destination[k] = f(source[k]) for k below a count. In float
    /// networks, tanh and sigmoid go through the runtime's VectorMath, many values at a time at the widest vector
    /// width the machine accelerates (a scalar tanh or exp call per value costs as much as a layer's multiply-adds),
    /// whatever the layer's size: a loop or convolution layer computes the same sums one example at a time as in a
    /// tile of examples, and its activation must then give the same bits too, which only the vector formula (applied to
    /// every value, see VectorMath.Exponentials.cs) does in both. ReLU and leaky ReLU go through VectorMath in both
    /// precisions from <see cref="SmallestVectorizedLayer"/> values, since their vector form is exact and has no branch
    /// to mispredict (on a convolution's thousands of outputs the scalar loop's mispredictions cost more than the
    /// layer's products). Double tanh and sigmoid, which exist for exact checks, and linear keep a plain loop. The
    /// derivatives in backpropagation are products and comparisons, exact at any width, so every one goes through
    /// VectorMath.
    /// </summary>
    internal static class ActivationLoops
    {
        /// <summary>
        /// Whether an unrolled dense layer applies its activation in a vector pass through <see cref="Write"/> after its
        /// sums: float tanh and sigmoid over at least <see cref="SmallestVectorizedLayer"/> values.
        /// </summary>
        /// <remarks>
        /// Smaller layers, and the rectifiers, apply it neuron by neuron where each sum is made, in the tutorial's form: a
        /// handful of scalar calls, and the sum goes straight to its activation instead of through memory (a 3-4-1 sigmoid
        /// step took 54 ns against 58 ns with a loop over the layer after its sums). An unrolled layer's sums already
        /// differ from a tile's in rounding (plain additions against the kernels' vector sums), so its scalar exp costs no
        /// agreement that was there.
        /// </remarks>
        public static bool IsVectorized(ScalarSyntax s, ActivationKind activation, int length)
            => IsExponential(s, activation) && length >= SmallestVectorizedLayer;

        /// <summary>Float tanh and sigmoid: the activations whose vector form rounds differently from the scalar one.</summary>
        private static bool IsExponential(ScalarSyntax s, ActivationKind activation)
            => !s.IsDouble && (activation == ActivationKind.Tanh || activation == ActivationKind.Sigmoid);

        private static bool IsRectifier(ActivationKind activation) => activation == ActivationKind.Relu || activation == ActivationKind.LeakyRelu;

        /// <summary>
        /// Below this many values a call into VectorMath costs more than it saves, where the choice is free (the rectifiers,
        /// and the activations of unrolled layers): a 3-4-1 sigmoid step took 60-62 ns with its 4-neuron layer through it,
        /// against 58 ns with a scalar loop (2026-12-05).
        /// </summary>
        private const int SmallestVectorizedLayer = 8;

        /// <summary>
        /// destination[k] = f(source[k]) for k below <paramref name="count"/> (code): through VectorMath for float tanh and
        /// sigmoid at any size, and for the rectifiers over at least <see cref="SmallestVectorizedLayer"/> values
        /// (<paramref name="length"/>, where known), else a plain loop. The buffers are inline arrays or spans holding
        /// exactly the values to process.
        /// </summary>
        /// <param name="length">How many values, where known at generation time; null for a tile's rows (many).</param>
        public static void Write(SourceWriter w, ScalarSyntax s, ActivationKind activation, string source, string destination, string count, int? length)
        {
            if (!(IsExponential(s, activation) || (IsRectifier(activation) && !(length < SmallestVectorizedLayer))))
            {
                w.OpenBlock($"for (int k = 0; k < {count}; k++)");
                w.WriteLine($"{destination}[k] = {ActivationMath.Apply(activation, source + "[k]", s)};");
                w.CloseBlock();
                return;
            }

            w.WriteLine($"// {destination}[k] = {ActivationMath.Formula(activation, source, "k")} for every k, many at a time.");
            w.WriteLine(activation switch
            {
                ActivationKind.Relu => $"{VectorMath}.Relu<{s.Type}>({source}, {destination});",
                ActivationKind.LeakyRelu => $"{VectorMath}.LeakyRelu<{s.Type}>({source}, {destination}, {s.Literal(ActivationMath.LeakyReluSlope)});",
                ActivationKind.Tanh => $"{VectorMath}.Tanh({source}, {destination});",
                _ => $"{VectorMath}.Sigmoid({source}, {destination});",
            });
        }

        private const string VectorMath = "global::CompiledNets.Numerics.VectorMath";

        /// <summary>
        /// deltas[k] *= f'(outputs[k]) over a whole buffer through VectorMath, when at least
        /// <see cref="SmallestVectorizedLayer"/> values (or a tile's rows, <paramref name="length"/> null); returns false,
        /// writing nothing, for small layers, which keep the loop (and for linear and softmax layers). Both precisions
        /// qualify: each derivative's vector form gives the scalar formula's exact bits.
        /// </summary>
        public static bool TryWriteDerivative(SourceWriter w, ScalarSyntax s, ActivationKind activation, string deltas, string outputs, int? length)
        {
            string? call = activation switch
            {
                ActivationKind.Relu => $"MultiplyByReluDerivative<{s.Type}>({deltas}, {outputs}, {s.Zero})",
                ActivationKind.LeakyRelu => $"MultiplyByReluDerivative<{s.Type}>({deltas}, {outputs}, {s.Literal(ActivationMath.LeakyReluSlope)})",
                ActivationKind.Tanh => $"MultiplyByTanhDerivative<{s.Type}>({deltas}, {outputs})",
                ActivationKind.Sigmoid => $"MultiplyBySigmoidDerivative<{s.Type}>({deltas}, {outputs})",
                _ => null, // linear has none; softmax's is fused with the loss
            };
            if (call is null || length < SmallestVectorizedLayer)
                return false;
            w.WriteLine($"{VectorMath}.{call};");
            return true;
        }
    }
}

using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// Applies an activation to a whole buffer: destination[k] = f(source[k]) for k below a count. In float
    /// networks, tanh and sigmoid go through the runtime's VectorMath, many values at a time at the widest vector
    /// width the machine accelerates (a scalar tanh or exp call per value costs as much as a layer's multiply-adds);
    /// double networks, which exist for exact checks, and the other activations keep a plain loop.
    /// </summary>
    internal static class ActivationLoops
    {
        /// <summary>Whether <see cref="Write"/> runs this activation through vectors (float tanh and sigmoid).</summary>
        public static bool IsVectorized(ScalarSyntax s, ActivationKind activation)
            => !s.IsDouble && (activation == ActivationKind.Tanh || activation == ActivationKind.Sigmoid);

        /// <summary>Below this many values the call into VectorMath costs more than it saves (the 3-4-1 tutorial network: measured).</summary>
        private const int SmallestVectorizedLayer = 8;

        /// <summary>
        /// destination[k] = f(source[k]) for k below <paramref name="count"/> (code): through VectorMath for float tanh and
        /// sigmoid over at least <see cref="SmallestVectorizedLayer"/> values (<paramref name="length"/>, where known), else
        /// a plain loop. The buffers are inline arrays or spans holding exactly the values to process.
        /// </summary>
        /// <param name="length">How many values, where known at generation time; null for a tile's rows (many).</param>
        public static void Write(SourceWriter w, ScalarSyntax s, ActivationKind activation, string source, string destination, string count, int? length)
        {
            if (!IsVectorized(s, activation) || length < SmallestVectorizedLayer)
            {
                w.OpenBlock($"for (int k = 0; k < {count}; k++)");
                w.WriteLine($"{destination}[k] = {ActivationMath.Apply(activation, source + "[k]", s)};");
                w.CloseBlock();
                return;
            }

            string method = activation == ActivationKind.Tanh ? "Tanh" : "Sigmoid";
            w.WriteLine($"// {destination}[k] = {ActivationMath.Formula(activation, source, "k")} for every k, many at a time.");
            w.WriteLine($"global::CompiledNets.Numerics.VectorMath.{method}({source}, {destination});");
        }
    }
}

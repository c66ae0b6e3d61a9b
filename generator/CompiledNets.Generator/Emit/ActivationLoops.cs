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

        /// <param name="count">How many values, as code.</param>
        /// <param name="wholeBuffers">The buffers hold exactly <paramref name="wholeBufferLength"/> values, all of them processed; otherwise a prefix of <paramref name="count"/>.</param>
        public static void Write(SourceWriter w, ScalarSyntax s, ActivationKind activation, string source, string destination, string count,
            bool wholeBuffers, int wholeBufferLength = 0)
        {
            if (!IsVectorized(s, activation) || (wholeBuffers && wholeBufferLength < SmallestVectorizedLayer))
            {
                w.OpenBlock($"for (int k = 0; k < {count}; k++)");
                w.WriteLine($"{destination}[k] = {ActivationMath.Apply(activation, source + "[k]", s)};");
                w.CloseBlock();
                return;
            }

            string method = activation == ActivationKind.Tanh ? "Tanh" : "Sigmoid";
            string arguments = wholeBuffers ? $"{source}, {destination}" : $"{source}[..({count})], {destination}[..({count})]";
            w.WriteLine($"// {destination}[k] = {ActivationMath.Formula(activation, source, "k")} for every k, many at a time.");
            w.WriteLine($"global::CompiledNets.Numerics.VectorMath.{method}({arguments});");
        }
    }
}

using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// One row per activation: its formula for the comments, its code from z, and its derivative written in terms
    /// of its output a (so the backward pass needs no stored z). Code and comment come from the same row.
    /// </summary>
    internal static class ActivationMath
    {
        public const double LeakyReluSlope = 0.01;

        /// <summary>The formula for element j (or <paramref name="index"/>) of a layer whose sums are named <paramref name="z"/>, e.g. "tanh(z1[j])".</summary>
        public static string Formula(ActivationKind activation, string z, string index = "j") => activation switch
        {
            ActivationKind.Linear => $"{z}[{index}]",
            ActivationKind.Sigmoid => $"1 / (1 + exp(-{z}[{index}]))",
            ActivationKind.Tanh => $"tanh({z}[{index}])",
            ActivationKind.Relu => $"max({z}[{index}], 0)",
            ActivationKind.LeakyRelu => $"{z}[{index}] > 0 ? {z}[{index}] : {LeakyReluSlope.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} * {z}[{index}]",
            _ => $"exp({z}[{index}]) / sum_k exp({z}[k])",
        };

        /// <summary>The derivative in terms of the output a, for comments, e.g. "1 - a^2".</summary>
        public static string DerivativeFormula(ActivationKind activation) => activation switch
        {
            ActivationKind.Linear => "1",
            ActivationKind.Sigmoid => "a * (1 - a)",
            ActivationKind.Tanh => "1 - a^2",
            ActivationKind.Relu => "a > 0 ? 1 : 0",
            ActivationKind.LeakyRelu => "a > 0 ? 1 : " + LeakyReluSlope.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            _ => "(fused with cross-entropy: see the output deltas)",
        };

        /// <summary>Code computing the activation of the expression <paramref name="z"/> (a simple name or literal).</summary>
        public static string Apply(ActivationKind activation, string z, ScalarSyntax s) => activation switch
        {
            ActivationKind.Linear => z,
            ActivationKind.Sigmoid => $"{s.One} / ({s.One} + {s.Math}.Exp(-{z}))",
            ActivationKind.Tanh => $"{s.Math}.Tanh({z})",
            ActivationKind.Relu => $"{z} > {s.Zero} ? {z} : {s.Zero}",
            ActivationKind.LeakyRelu => $"{z} > {s.Zero} ? {z} : {s.Literal(LeakyReluSlope)} * {z}",
            _ => throw new System.ArgumentOutOfRangeException(nameof(activation), "Softmax is applied to the whole layer, not per value."),
        };

        /// <summary>Code for da/dz given the output <paramref name="a"/>, or null when it is 1 (linear).</summary>
        public static string? Derivative(ActivationKind activation, string a, ScalarSyntax s) => activation switch
        {
            ActivationKind.Linear => null,
            ActivationKind.Sigmoid => $"{a} * ({s.One} - {a})",
            ActivationKind.Tanh => $"({s.One} - {a} * {a})",
            ActivationKind.Relu => $"({a} > {s.Zero} ? {s.One} : {s.Zero})",
            ActivationKind.LeakyRelu => $"({a} > {s.Zero} ? {s.One} : {s.Literal(LeakyReluSlope)})",
            _ => throw new System.ArgumentOutOfRangeException(nameof(activation), "Softmax is only used fused with cross-entropy."),
        };

        /// <summary>Whether f' is anything but 1: every activation except linear (softmax's is fused with cross-entropy).</summary>
        public static bool HasDerivative(ActivationKind activation) => activation != ActivationKind.Linear;

        /// <summary>"x * d" with the derivative factor, or just "x" for linear layers.</summary>
        public static string TimesDerivative(string value, ActivationKind activation, string a, ScalarSyntax s)
        {
            string? derivative = Derivative(activation, a, s);
            return derivative is null ? value : "(" + value + ") * " + derivative;
        }

        public static string Describe(ActivationKind activation) => activation switch
        {
            ActivationKind.Linear => "linear",
            ActivationKind.Sigmoid => "sigmoid",
            ActivationKind.Tanh => "tanh",
            ActivationKind.Relu => "relu",
            ActivationKind.LeakyRelu => "leaky relu",
            _ => "softmax",
        };
    }
}

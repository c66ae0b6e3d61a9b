using CompiledNets.Numerics;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// The runtime's vector kernels against plain scalar loops, for every length up to 70: with Vector512 that covers
/// each mix of 16-, 8- and 4-wide blocks and a scalar tail; narrower machines run their own mix.
/// </summary>
public sealed class VectorMathTests
{
    public static TheoryData<int> Lengths => new(Enumerable.Range(0, 71));

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SubtractScaled_IsExactlyTheScalarUpdate(int length)
    {
        var random = new Random(length);
        double[] parameters = TestValues.Uniform(random, length, 3);
        double[] gradient = TestValues.Uniform(random, length, 3);
        double[] expected = parameters.Select((p, k) => p - 0.37 * gradient[k]).ToArray();
        float[] floatParameters = parameters.Select(p => (float)p).ToArray();
        float[] floatGradient = gradient.Select(g => (float)g).ToArray();
        float[] floatExpected = floatParameters.Select((p, k) => p - 0.37f * floatGradient[k]).ToArray();

        VectorMath.SubtractScaled<double>(parameters, gradient, 0.37);
        VectorMath.SubtractScaled<float>(floatParameters, floatGradient, 0.37f);

        Near.AssertBitwiseEqual<double>(expected, parameters, "double parameters");
        Near.AssertBitwiseEqual<float>(floatExpected, floatParameters, "float parameters");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Add_IsExactlyTheScalarSum(int length)
    {
        var random = new Random(200 + length);
        float[] destination = TestValues.Uniform(random, length, 3).Select(v => (float)v).ToArray();
        float[] values = TestValues.Uniform(random, length, 3).Select(v => (float)v).ToArray();
        float[] expected = destination.Select((d, k) => d + values[k]).ToArray();

        VectorMath.Add<float>(destination, values);

        Near.AssertBitwiseEqual<float>(expected, destination, "sums");
        Assert.Throws<ArgumentException>(() => VectorMath.Add<float>(new float[length + 1], values));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Relu_LeakyRelu_and_their_derivative_are_exactly_the_scalar_formulas(int length)
    {
        // Signed zeros, infinities and NaN among random values: the vector forms must give the generated scalar code's
        // bits (x > 0 ? x : 0 gives +0 for -0 and NaN, where a max or 0 * x would not).
        float[] special = [-0f, 0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, -1e-40f, 1e-40f];
        var random = new Random(300 + length);
        float[] z = Enumerable.Range(0, length).Select(k => k % 5 == 0 ? special[k / 5 % special.Length] : (float)(random.NextDouble() * 4 - 2)).ToArray();
        float[] d = TestValues.Uniform(random, length, 3).Select(v => (float)v).ToArray();

        var relu = new float[length];
        VectorMath.Relu<float>(z, relu);
        Near.AssertBitwiseEqual<float>(z.Select(x => x > 0f ? x : 0f).ToArray(), relu, "relu");

        var leaky = new float[length];
        VectorMath.LeakyRelu<float>(z, leaky, 0.01f);
        Near.AssertBitwiseEqual<float>(z.Select(x => x > 0f ? x : 0.01f * x).ToArray(), leaky, "leaky relu");

        float[] expected = d.Select((v, k) => v * (z[k] > 0f ? 1f : 0.01f)).ToArray();
        VectorMath.MultiplyByReluDerivative<float>(d, z, 0.01f);
        Near.AssertBitwiseEqual<float>(expected, d, "derivative");

        double[] zd = z.Select(x => (double)x).ToArray();
        var reluDouble = new double[length];
        VectorMath.Relu<double>(zd, reluDouble);
        Near.AssertBitwiseEqual<double>(zd.Select(x => x > 0 ? x : 0.0).ToArray(), reluDouble, "double relu");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void TanhAndSigmoidDerivatives_are_exactly_the_scalar_formulas(int length)
    {
        // The generated code's own loops for small layers: d *= (1 - a * a) and d *= a * (1 - a), in both precisions.
        var random = new Random(400 + length);
        double[] outputs = TestValues.Uniform(random, length, 1);
        double[] deltas = TestValues.Uniform(random, length, 3);
        float[] floatOutputs = outputs.Select(v => (float)v).ToArray();
        float[] floatDeltas = deltas.Select(v => (float)v).ToArray();

        double[] tanh = (double[])deltas.Clone(), sigmoid = (double[])deltas.Clone();
        float[] floatTanh = (float[])floatDeltas.Clone(), floatSigmoid = (float[])floatDeltas.Clone();
        VectorMath.MultiplyByTanhDerivative<double>(tanh, outputs);
        VectorMath.MultiplyBySigmoidDerivative<double>(sigmoid, outputs);
        VectorMath.MultiplyByTanhDerivative<float>(floatTanh, floatOutputs);
        VectorMath.MultiplyBySigmoidDerivative<float>(floatSigmoid, floatOutputs);

        Near.AssertBitwiseEqual<double>(deltas.Select((d, k) => d * (1.0 - outputs[k] * outputs[k])).ToArray(), tanh, "double tanh'");
        Near.AssertBitwiseEqual<double>(deltas.Select((d, k) => d * (outputs[k] * (1.0 - outputs[k]))).ToArray(), sigmoid, "double sigmoid'");
        Near.AssertBitwiseEqual<float>(floatDeltas.Select((d, k) => d * (1f - floatOutputs[k] * floatOutputs[k])).ToArray(), floatTanh, "tanh'");
        Near.AssertBitwiseEqual<float>(floatDeltas.Select((d, k) => d * (floatOutputs[k] * (1f - floatOutputs[k]))).ToArray(), floatSigmoid, "sigmoid'");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void IndexOfNonFinite_finds_the_first_NaN_or_infinity_at_every_position(int length)
    {
        // Finite extremes (the largest float, subnormals, -0) never count; of two non-finite values, the first is found.
        float[] finite = [float.MaxValue, float.MinValue, 1e-45f, -1e-45f, -0f, 0f];
        float[] nonFinite = [float.NaN, float.PositiveInfinity, float.NegativeInfinity];
        var random = new Random(500 + length);
        float[] values = Enumerable.Range(0, length).Select(k => k % 7 == 3 ? finite[k % finite.Length] : (float)(random.NextDouble() * 8 - 4)).ToArray();
        Assert.Equal(-1, VectorMath.IndexOfNonFinite<float>(values));
        Assert.Equal(-1, VectorMath.IndexOfNonFinite<double>(values.Select(v => (double)v).ToArray()));

        for (int position = 0; position < length; position++)
        {
            float[] spoiled = (float[])values.Clone();
            spoiled[position] = nonFinite[position % nonFinite.Length];
            if (position + 5 < length)
                spoiled[position + 5] = float.NaN;

            Assert.Equal(position, VectorMath.IndexOfNonFinite<float>(spoiled));
            Assert.Equal(position, VectorMath.IndexOfNonFinite<double>(spoiled.Select(v => (double)v).ToArray()));
        }
    }

    [Fact]
    public void Derivatives_RefuseDeltasOfAnotherLength()
    {
        var error = Assert.Throws<ArgumentException>(() => VectorMath.MultiplyByTanhDerivative<float>(new float[3], new float[4]));
        Assert.StartsWith("Expected 4 deltas, but got 3.", error.Message);
        Assert.Throws<ArgumentException>(() => VectorMath.MultiplyBySigmoidDerivative<double>(new double[5], new double[4]));
    }

    [Fact]
    public void Kernels_that_store_without_bounds_checks_refuse_spans_of_another_length()
    {
        // Before, a destination shorter than the source was written past its end (and a short gradient read past it).
        float[] source = Enumerable.Range(0, 64).Select(k => k / 8f).ToArray();
        float[] parameters = new float[64];
        Action[] calls =
        [
            () => VectorMath.Tanh(source, new float[1]),
            () => VectorMath.Sigmoid(source, new float[1]),
            () => VectorMath.Tanh(source, new float[65]),
            () => VectorMath.SubtractScaled<float>(parameters, new float[1], 0.5f),
        ];

        ArgumentException[] errors = calls.Select(call => Assert.Throws<ArgumentException>(call)).ToArray();

        Assert.Equal(
            ["Expected 64 values, but got 1.", "Expected 64 values, but got 1.", "Expected 64 values, but got 65.", "Expected 64 values, but got 1."],
            errors.Select(error => error.Message.Split(" (Parameter")[0]));
        Assert.Equal(["destination", "destination", "destination", "gradient"], errors.Select(error => error.ParamName));
        Assert.Equal(new float[64], parameters); // nothing written
    }

    [Fact]
    public void Softmax_GivesTheHandComputedProbabilities_AndTheLogSumExp()
    {
        // exp(1), exp(2), exp(3) over their sum 30.1928...: 0.0900306, 0.2447285, 0.6652410; log 30.1928 = 3.4076059.
        double[] probabilities = new double[3];
        double logSumExp = VectorMath.Softmax<double>([1, 2, 3], probabilities);

        Assert.Equal(0.09003057317038046, probabilities[0], 15);
        Assert.Equal(0.24472847105479767, probabilities[1], 15);
        Assert.Equal(0.6652409557748219, probabilities[2], 15);
        Assert.Equal(3.4076059644443806, logSumExp, 14);
    }

    [Fact]
    public void Softmax_OfHugeLogits_StaysFinite_AndItsLogSumExpIsExact()
    {
        // Unshifted, exp(1000) overflows; shifted by the largest logit, each term is exp(0) = 1.
        var probabilities = new float[2];
        float logSumExp = VectorMath.Softmax<float>([1000f, 1000f], probabilities);

        Assert.Equal([0.5f, 0.5f], probabilities);
        Assert.Equal(1000f + MathF.Log(2f), logSumExp);
        Assert.Throws<ArgumentException>(() => VectorMath.Softmax<float>([], []));
        Assert.Throws<ArgumentException>(() => VectorMath.Softmax<float>([1f, 2f], new float[3]));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Tanh_AndSigmoid_MatchTheMathLibrary(int length)
    {
        float[] z = TestValues.Uniform(new Random(100 + length), length, 6).Select(v => (float)v).ToArray();
        var tanh = new float[length];
        var sigmoid = new float[length];

        VectorMath.Tanh(z, tanh);
        VectorMath.Sigmoid(z, sigmoid);

        for (int k = 0; k < length; k++)
        {
            Assert.True(Math.Abs(tanh[k] - Math.Tanh(z[k])) <= 4e-7, $"tanh({z[k]:R}) = {tanh[k]:R}, expected {Math.Tanh(z[k]):R}");
            double expected = 1 / (1 + Math.Exp(-z[k]));
            Assert.True(Math.Abs(sigmoid[k] - expected) <= 4e-7 * expected + 1e-30, $"sigmoid({z[k]:R}) = {sigmoid[k]:R}, expected {expected:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Tanh_AndSigmoid_give_a_value_the_same_bits_wherever_it_sits(int length)
    {
        // One example's layer and a tile of many examples' put a value at different places in the buffer (in a whole
        // vector, or among the last few): its result must not change, or a batch disagrees with one example at a time.
        float[] z = TestValues.Uniform(new Random(200 + length), length, 6).Select(v => (float)v).ToArray();
        var tanh = new float[length];
        var sigmoid = new float[length];
        VectorMath.Tanh(z, tanh);
        VectorMath.Sigmoid(z, sigmoid);

        var alone = new float[1];
        for (int k = 0; k < length; k++)
        {
            VectorMath.Tanh(z.AsSpan(k, 1), alone);
            Near.AssertBitwiseEqual<float>([tanh[k]], alone, $"tanh of value {k} of {length}, alone");
            VectorMath.Sigmoid(z.AsSpan(k, 1), alone);
            Near.AssertBitwiseEqual<float>([sigmoid[k]], alone, $"sigmoid of value {k} of {length}, alone");
        }
    }

    [Fact]
    public void Extreme_values_saturate_exactly_and_NaN_stays_NaN()
    {
        // 20 values, all in whole vectors; then each value alone, in a padded vector (or, with SIMD off, the scalar formula).
        float[] z = Enumerable.Range(0, 20).Select(k => (k % 4) switch { 0 => 100f, 1 => -100f, 2 => -200f, _ => float.NaN }).ToArray();
        var tanh = new float[z.Length];
        var sigmoid = new float[z.Length];

        VectorMath.Tanh(z, tanh);
        VectorMath.Sigmoid(z, sigmoid);

        for (int k = 0; k < z.Length; k++)
        {
            (float expectedTanh, float expectedSigmoid) = (k % 4) switch { 0 => (1f, 1f), 1 => (-1f, 0f), 2 => (-1f, 0f), _ => (float.NaN, float.NaN) };
            Assert.Equal(expectedTanh, tanh[k]);
            Assert.Equal(expectedSigmoid, sigmoid[k]);
            var alone = new float[1];
            VectorMath.Tanh(z.AsSpan(k, 1), alone);
            Assert.Equal(expectedTanh, alone[0]);
            VectorMath.Sigmoid(z.AsSpan(k, 1), alone);
            Assert.Equal(expectedSigmoid, alone[0]);
        }
    }

    [Fact]
    public void Source_and_destination_may_be_one_buffer()
    {
        float[] values = Enumerable.Range(0, 37).Select(k => (k - 18) / 6f).ToArray();
        var separate = new float[values.Length];
        VectorMath.Tanh(values, separate);

        VectorMath.Tanh(values, values);

        Near.AssertBitwiseEqual<float>(separate, values, "in place");
    }
}

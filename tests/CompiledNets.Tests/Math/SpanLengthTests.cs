using System.Numerics;
using CompiledNets.Numerics;
using CompiledNets.Tests.Networks;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.MathTests;

/// <summary>A span of the wrong length is an ArgumentException naming the argument and the expected length (for a batch's inputs, whole examples).</summary>
public sealed class SpanLengthTests
{
    [Fact] public void Unrolled_double() => AssertWrongLengthsThrow<HandSoftmaxCrossEntropy, double>();
    [Fact] public void Loops_double() => AssertWrongLengthsThrow<PropLoopDouble, double>();
    [Fact] public void Loops_float() => AssertWrongLengthsThrow<PropLoopFloat, float>();
    [Fact] public void Unrolled_float() => AssertWrongLengthsThrow<PropUnrolledFloat, float>();

    [Theory]
    [InlineData(1, "(0 examples of 2 and 1 more)")]
    [InlineData(3, "(1 example of 2 and 1 more)")]
    [InlineData(7, "(3 examples of 2 and 1 more)")]
    public void ExampleCount_CountsTheWholeExamplesInWords(int length, string count)
    {
        var exception = Assert.Throws<ArgumentException>(() => SpanLength.ExampleCount(length, 2, "inputs"));
        Assert.Contains($"the length is {length} {count}.", exception.Message, StringComparison.Ordinal);
    }

    private static void AssertWrongLengthsThrow<TNet, T>()
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TNet network = TNet.Create();
        int inputs = TNet.InputSize, outputs = TNet.OutputSize, parameters = TNet.ParameterCount;
        T[] before = network.Parameters.ToArray();
        T rate = T.One;

        foreach (int delta in new[] { -1, 1 })
        {
            T[] x = new T[inputs], t = new T[outputs], y = new T[outputs], g = new T[parameters];
            T[] badX = new T[inputs + delta], badT = new T[outputs + delta], badY = new T[outputs + delta], badG = new T[parameters + delta];

            Expect("input", inputs, () => network.Predict(badX, y));
            Expect("output", outputs, () => network.Predict(x, badY));
            Expect("input", inputs, () => network.ComputeLoss(badX, t));
            Expect("target", outputs, () => network.ComputeLoss(x, badT));
            T[] loss = new T[1], badLoss = new T[1 + delta];
            Expect("targets", outputs, () => network.ComputeLossBatch(x, badT, y, loss));
            Expect("outputs", outputs, () => network.ComputeLossBatch(x, t, badY, loss));
            Expect("losses", 1, () => network.ComputeLossBatch(x, t, y, badLoss));
            Expect("input", inputs, () => network.Backpropagate(badX, t, g));
            Expect("target", outputs, () => network.Backpropagate(x, badT, g));
            Expect("gradient", parameters, () => network.Backpropagate(x, t, badG));
            Expect("gradient", parameters, () => network.BackpropagateBatch(x, t, badG));
            Expect("gradient", parameters, () => network.ApplyGradient(badG, rate));
            Expect("input", inputs, () => network.TrainStep(badX, t, rate));
            Expect("target", outputs, () => network.TrainStep(x, badT, rate));
            Assert.All(g, v => Assert.Equal(T.Zero, v));
        }

        Assert.True(inputs > 1, "the ragged batch below needs examples of more than one value");

        // Batches: three whole examples plus a partial one, or the wrong number of outputs or targets for three.
        T[] threeInputs = new T[3 * inputs], threeTargets = new T[3 * outputs], threeOutputs = new T[3 * outputs], gradient = new T[parameters];
        T[] ragged = new T[3 * inputs + 1];
        ExpectWholeExamples(inputs, () => network.PredictBatch(ragged, threeOutputs));
        Expect("outputs", 3 * outputs, () => network.PredictBatch(threeInputs, new T[3 * outputs - 1]));
        Expect("outputs", 3 * outputs, () => network.PredictBatch(threeInputs, new T[4 * outputs]));
        ExpectWholeExamples(inputs, () => network.BackpropagateBatch(ragged, threeTargets, gradient));
        Expect("targets", 3 * outputs, () => network.BackpropagateBatch(threeInputs, new T[2 * outputs], gradient));
        Expect("targets", 3 * outputs, () => network.BackpropagateBatch(threeInputs, new T[3 * outputs + 1], gradient));

        // No failed call changed the network.
        Near.AssertBitwiseEqual<T>(before, network.Parameters, "parameters after failed calls");
    }

    /// <summary>Three examples and one value more: the message says what whole examples are, not a length to match.</summary>
    private static void ExpectWholeExamples(int inputSize, Action call)
    {
        var exception = Assert.Throws<ArgumentException>(call);
        Assert.Equal("inputs", exception.ParamName);
        Assert.StartsWith(
            $"Expected whole examples of {inputSize} values each, one after another, but the length is {3 * inputSize + 1} (3 examples of {inputSize} and 1 more).",
            exception.Message, StringComparison.Ordinal);
    }

    private static void Expect(string parameter, int expectedLength, Action call)
    {
        var exception = Assert.Throws<ArgumentException>(call);
        Assert.Equal(parameter, exception.ParamName);
        Assert.Contains($"length {expectedLength}", exception.Message, StringComparison.Ordinal);
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CompiledNets.Numerics;
using CompiledNets.Tests.Networks;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// The batched methods refuse a span they write that overlaps one they read: the batch is worked through a few
/// examples at a time, so such a write changed later examples (or the weights) before they were read, and the answer
/// was wrong with no error. Spans that are only neighbours in one array are accepted and give separate arrays' answers.
/// Backpropagate, for one example, refuses a gradient over its input, which it reads again after adding to it.
/// </summary>
public sealed class OverlappingSpansTests
{
    private const int Examples = 5;

    [Fact] public void Tiled_float() => AssertOverlapsRefused<PropLoopFloat, float>();
    [Fact] public void Tiled_double() => AssertOverlapsRefused<PropUnrolledDouble, double>();
    [Fact] public void Example_by_example_double() => AssertOverlapsRefused<PropUnrolledLinearDouble, double>();
    [Fact] public void Convolution_double() => AssertOverlapsRefused<ConvKernel5Padding2, double>();

    [Fact] public void One_example_unrolled_double() => AssertGradientOverInputRefused<PropUnrolledDouble, double>();
    [Fact] public void One_example_kernels_float() => AssertGradientOverInputRefused<PropLoopFloat, float>();
    [Fact] public void One_example_convolution_double() => AssertGradientOverInputRefused<ConvKernel5Padding2, double>();

    [Fact]
    public void A_batch_whose_rows_add_up_past_int_is_refused_not_wrapped_around()
    {
        // 2^30 + 1 examples of one value, four outputs each: 4 * (2^30 + 1) wraps around int to 4, the length given.
        // The spans point nowhere: the check reads their lengths and addresses only.
        int count = (1 << 30) + 1;
        var exception = Assert.Throws<ArgumentException>(() => BatchArguments.ForPredict(
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.NullRef<float>(), count), new float[4], inputSize: 1, outputSize: 4));

        Assert.Equal("outputs", exception.ParamName);
        Assert.StartsWith("Expected a span of length 4294967300, but its length is 4.", exception.Message, StringComparison.Ordinal);
    }

    private static void AssertOverlapsRefused<TNet, T>()
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(7);
        TNet network = TNet.Create();
        int inputs = Examples * TNet.InputSize, outputs = Examples * TNet.OutputSize;
        T[] x = TestValues.Convert<T>(TestValues.Uniform(random, inputs, 1));
        T[] t = Enumerable.Range(0, Examples).SelectMany(_ => TestValues.Convert<T>(TestValues.Target(random, TNet.Loss, TNet.OutputSize))).ToArray();

        // The answers from separate arrays.
        var expectedOutputs = new T[outputs];
        var expectedLosses = new T[Examples];
        var expectedGradient = new T[TNet.ParameterCount];
        network.ComputeLossBatch(x, t, expectedOutputs, expectedLosses);
        network.BackpropagateBatch(x, t, expectedGradient);

        // One array: inputs, then targets, then outputs, then losses, each right after the one before.
        T[] buffer = [.. x, .. t, .. new T[outputs], .. new T[Examples]];
        Span<T> all = buffer;
        Span<T> inputsPart = all[..inputs], targetsPart = all.Slice(inputs, outputs);
        Span<T> outputsPart = all.Slice(inputs + outputs, outputs), lossesPart = all.Slice(inputs + 2 * outputs, Examples);

        // Neighbours that share no value are fine, and give the separate arrays' answers bit for bit.
        network.PredictBatch(inputsPart, outputsPart);
        Near.AssertBitwiseEqual<T>(expectedOutputs, outputsPart, "PredictBatch into the next part of one array");
        outputsPart.Clear();
        network.ComputeLossBatch(inputsPart, targetsPart, outputsPart, lossesPart);
        Near.AssertBitwiseEqual<T>(expectedOutputs, outputsPart, "ComputeLossBatch outputs beside the targets");
        Near.AssertBitwiseEqual<T>(expectedLosses, lossesPart, "ComputeLossBatch losses beside the outputs");

        // Outputs that start inside the last example's inputs: the first examples' outputs would overwrite it.
        ExpectRefused(buffer, "outputs", "inputs", () => network.PredictBatch(buffer.AsSpan(0, inputs), buffer.AsSpan(inputs - 1, outputs)));
        ExpectRefused(buffer, "outputs", "inputs",
            () => network.ComputeLossBatch(buffer.AsSpan(0, inputs), new T[outputs], buffer.AsSpan(inputs - 1, outputs), new T[Examples]));
        ExpectRefused(buffer, "outputs", "targets",
            () => network.ComputeLossBatch(x, buffer.AsSpan(inputs, outputs), buffer.AsSpan(inputs + outputs - 1, outputs), new T[Examples]));
        ExpectRefused(buffer, "losses", "inputs",
            () => network.ComputeLossBatch(buffer.AsSpan(0, inputs), t, new T[outputs], buffer.AsSpan(inputs - 1, Examples)));
        ExpectRefused(buffer, "losses", "targets",
            () => network.ComputeLossBatch(x, buffer.AsSpan(inputs, outputs), new T[outputs], buffer.AsSpan(inputs + outputs - 1, Examples)));
        ExpectRefused(buffer, "losses", "outputs",
            () => network.ComputeLossBatch(x, t, buffer.AsSpan(inputs + outputs, outputs), buffer.AsSpan(inputs + 2 * outputs - 1, Examples)));

        // A gradient over the inputs, the targets or the network's own parameters.
        T[] big = new T[inputs + outputs + TNet.ParameterCount];
        x.CopyTo(big, 0);
        t.CopyTo(big, inputs);
        ExpectRefused(big, "gradient", "inputs",
            () => network.BackpropagateBatch(big.AsSpan(0, inputs), t, big.AsSpan(inputs - 1, TNet.ParameterCount)));
        ExpectRefused(big, "gradient", "targets",
            () => network.BackpropagateBatch(x, big.AsSpan(inputs, outputs), big.AsSpan(inputs + outputs - 1, TNet.ParameterCount)));
        T[] parameters = network.Parameters.ToArray();
        ExpectRefused(parameters, "gradient", "Parameters", () => network.BackpropagateBatch(x, t, network.Parameters));
        Near.AssertBitwiseEqual<T>(parameters, network.Parameters, "parameters after the refused call");

        // The gradient right after the targets shares nothing: accepted.
        var beside = new T[inputs + outputs + TNet.ParameterCount];
        x.CopyTo(beside, 0);
        t.CopyTo(beside, inputs);
        network.BackpropagateBatch(beside.AsSpan(0, inputs), beside.AsSpan(inputs, outputs), beside.AsSpan(inputs + outputs));
        Near.AssertBitwiseEqual<T>(expectedGradient, beside.AsSpan(inputs + outputs), "gradient beside the targets");
    }

    /// <summary>The call throws, names the span it writes and the one it overlaps, and changes nothing in <paramref name="memory"/>.</summary>
    private static void ExpectRefused<T>(T[] memory, string written, string read, Action call)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] before = memory.ToArray();
        var exception = Assert.Throws<ArgumentException>(call);
        Assert.Equal(written, exception.ParamName);
        Assert.StartsWith(
            $"{written} overlaps {read} in memory: the network works through a batch a few examples at a time, so writing {written} " +
            $"would change {read} before later examples read them. Pass spans that share no memory.",
            exception.Message, StringComparison.Ordinal);
        Near.AssertBitwiseEqual<T>(before, memory, $"memory after {written} over {read} was refused");
    }

    private static void AssertGradientOverInputRefused<TNet, T>()
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(11);
        TNet network = TNet.Create();
        T[] x = TestValues.Convert<T>(TestValues.Uniform(random, TNet.InputSize, 1));
        T[] t = TestValues.Convert<T>(TestValues.Target(random, TNet.Loss, TNet.OutputSize));
        var expected = new T[TNet.ParameterCount];
        network.Backpropagate(x, t, expected);

        // The gradient starts at the input's last value: the layers above the first add into it before the first
        // layer's weight gradient reads the input.
        var shared = new T[TNet.InputSize - 1 + TNet.ParameterCount];
        x.CopyTo(shared, 0);
        T[] before = shared.ToArray();
        var exception = Assert.Throws<ArgumentException>(
            () => network.Backpropagate(shared.AsSpan(0, TNet.InputSize), t, shared.AsSpan(TNet.InputSize - 1)));
        Assert.Equal("gradient", exception.ParamName);
        Assert.StartsWith(
            "gradient overlaps input in memory: the network reads the input again after it has started adding to the " +
            "gradient, so it would read changed values. Pass spans that share no memory.",
            exception.Message, StringComparison.Ordinal);
        Near.AssertBitwiseEqual<T>(before, shared, "memory after the refused call");

        // Right after the input, sharing nothing: the separate arrays' gradient, bit for bit.
        var beside = new T[TNet.InputSize + TNet.ParameterCount];
        x.CopyTo(beside, 0);
        network.Backpropagate(beside.AsSpan(0, TNet.InputSize), t, beside.AsSpan(TNet.InputSize));
        Near.AssertBitwiseEqual<T>(expected, beside.AsSpan(TNet.InputSize), "gradient beside the input");
    }
}

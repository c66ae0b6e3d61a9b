using System.Numerics;
using CompiledNets.Tests.Networks;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// The batched methods keep their tiles in the thread's ThreadScratch, which holds whatever the thread's last call left.
/// Here that is NaN in every row (a network whose parameters are NaN ran a full tile), and then a partial tile of three
/// examples must give, bit for bit, what it gives on a fresh thread: no kernel may read a row beyond the tile's count.
/// </summary>
public sealed class TileScratchReuseTests
{
    private const int PoisonExamples = 32; // a full tile: every row of every buffer
    private const int Examples = 3; // a partial tile, odd for the kernels that take examples in pairs

    [Fact] public void Small_looped_network() => AssertPartialTileIgnoresStaleRows<MixedFloat, float>();
    [Fact] public void Digits_network() => AssertPartialTileIgnoresStaleRows<Mnist784, float>();
    [Fact] public void Convolution_network() => AssertPartialTileIgnoresStaleRows<ConvChainFloat, float>();

    private static void AssertPartialTileIgnoresStaleRows<TNet, T>()
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(23);
        TNet network = TNet.Create();
        T[] inputs = TestValues.Convert<T>(TestValues.Uniform(random, PoisonExamples * TNet.InputSize, 1));
        T[] targets = Enumerable.Range(0, PoisonExamples)
            .SelectMany(_ => TestValues.Convert<T>(TestValues.Target(random, TNet.Loss, TNet.OutputSize)))
            .ToArray();

        Results<T> fresh = OnNewThread(() => Results<T>.Of(network, inputs, targets));
        Results<T> afterPoison = OnNewThread(() =>
        {
            TNet poisoned = TNet.Create();
            poisoned.Parameters.Fill(T.NaN);
            poisoned.PredictBatch(inputs, new T[PoisonExamples * TNet.OutputSize]);
            poisoned.BackpropagateBatch(inputs, targets, new T[TNet.ParameterCount]);
            return Results<T>.Of(network, inputs, targets);
        });

        Assert.False(T.IsNaN(fresh.Loss)); // the comparison below is of real numbers
        Assert.Equal(fresh.Outputs.Select(Near.Bits), afterPoison.Outputs.Select(Near.Bits));
        Assert.Equal(fresh.Losses.Select(Near.Bits), afterPoison.Losses.Select(Near.Bits));
        Assert.Equal(Near.Bits(fresh.Loss), Near.Bits(afterPoison.Loss));
        Assert.Equal(fresh.Gradient.Select(Near.Bits), afterPoison.Gradient.Select(Near.Bits));
    }

    private static TResult OnNewThread<TResult>(Func<TResult> work)
    {
        TResult result = default!;
        var thread = new Thread(() => result = work());
        thread.Start();
        thread.Join();
        return result;
    }

    /// <summary>What the three batched methods give for a few examples.</summary>
    private sealed record Results<T>(T[] Outputs, T[] Losses, T Loss, T[] Gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The first <see cref="Examples"/> of <paramref name="allInputs"/>: one partial tile.</summary>
        public static Results<T> Of<TNet>(TNet network, T[] allInputs, T[] allTargets)
            where TNet : class, INeuralNetwork<TNet, T>
        {
            const int count = Examples;
            ReadOnlySpan<T> inputs = allInputs.AsSpan(0, count * TNet.InputSize);
            ReadOnlySpan<T> targets = allTargets.AsSpan(0, count * TNet.OutputSize);
            var outputs = new T[count * TNet.OutputSize];
            network.PredictBatch(inputs, outputs);
            var lossOutputs = new T[count * TNet.OutputSize];
            var losses = new T[count];
            network.ComputeLossBatch(inputs, targets, lossOutputs, losses);
            Assert.Equal(outputs.Select(Near.Bits), lossOutputs.Select(Near.Bits)); // the two forward passes agree
            var gradient = new T[TNet.ParameterCount];
            T loss = network.BackpropagateBatch(inputs, targets, gradient);
            return new Results<T>(outputs, losses, loss, gradient);
        }
    }
}

using System.Numerics;
using CompiledNets.Tests.Networks;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// One instance shared by several threads: every read-only member (Predict, PredictBatch, ComputeLoss,
/// ComputeLossBatch, Backpropagate, BackpropagateBatch) must give, bit for bit, what it gives on one thread. The networks cover the
/// places a call's scratch can live: per-example scratch on the stack or in the thread's ThreadScratch, tiles always in
/// ThreadScratch (so each call finds the rows the thread's last call left), for small and large networks; for dense layers,
/// and for convolution and pooling, whose kernels also use a workspace (the patch matrix).
/// </summary>
public sealed class ThreadSafetyTests
{
    private const int Threads = 4;
    private const int CallsPerThread = 2000;
    private const int Examples = 40; // a batch of a full tile (32) and a partial one

    [Fact] public void Unrolled_network_scratch_on_the_stack() => AssertSharedInstanceAgrees<PropUnrolledDouble, double>();
    [Fact] public void Looped_network_small_tiles_in_thread_scratch() => AssertSharedInstanceAgrees<MixedFloat, float>();
    [Fact] public void Digits_network_tiles_in_thread_scratch() => AssertSharedInstanceAgrees<Mnist784, float>(callsPerThread: 300);
    [Fact] public void Wide_network_all_scratch_in_thread_scratch() => AssertSharedInstanceAgrees<WideFloat, float>(callsPerThread: 300);
    [Fact] public void Convolution_network_scratch_on_the_stack_tiles_in_thread_scratch() => AssertSharedInstanceAgrees<ConvChainFloat, float>(callsPerThread: 500);
    [Fact] public void Convolution_digits_network_all_scratch_in_thread_scratch() => AssertSharedInstanceAgrees<ConvDigitsShape, float>(callsPerThread: 100);

    private static void AssertSharedInstanceAgrees<TNet, T>(int callsPerThread = CallsPerThread)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(17);
        TNet network = TNet.Create();
        T[] inputs = TestValues.Convert<T>(TestValues.Uniform(random, Examples * TNet.InputSize, 1));
        T[] targets = Enumerable.Range(0, Examples)
            .SelectMany(_ => TestValues.Convert<T>(TestValues.Target(random, TNet.Loss, TNet.OutputSize)))
            .ToArray();
        Expected<T> expected = Expected<T>.Of(network, inputs, targets);

        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var start = new Barrier(Threads);
        Thread[] threads = Enumerable.Range(0, Threads).Select(worker => new Thread(() =>
        {
            var output = new T[TNet.OutputSize];
            var outputs = new T[Examples * TNet.OutputSize];
            var losses = new T[Examples];
            var gradient = new T[TNet.ParameterCount];
            start.SignalAndWait();
            for (int call = 0; call < callsPerThread && failures.IsEmpty; call++)
            {
                int n = (call * 7 + worker * 13) % Examples;
                string? problem = Call(network, call % 6, n, inputs, targets, expected, output, outputs, losses, gradient);
                if (problem is not null)
                    failures.Enqueue($"thread {worker}, call {call}: {problem}");
            }
        })).ToArray();

        foreach (Thread thread in threads)
            thread.Start();
        foreach (Thread thread in threads)
            thread.Join();

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(5)));
    }

    /// <summary>One call of the kind <paramref name="kind"/> on example <paramref name="n"/>; null when it gave what one thread gave.</summary>
    private static string? Call<TNet, T>(TNet network, int kind, int n, T[] inputs, T[] targets, Expected<T> expected, T[] output, T[] outputs,
        T[] losses, T[] gradient)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> input = inputs.AsSpan(n * TNet.InputSize, TNet.InputSize);
        ReadOnlySpan<T> target = targets.AsSpan(n * TNet.OutputSize, TNet.OutputSize);
        switch (kind)
        {
            case 0:
                network.Predict(input, output);
                return Compare(expected.Predictions[n], output, $"Predict of example {n}");
            case 1:
                return Compare(expected.Losses[n], network.ComputeLoss(input, target), $"ComputeLoss of example {n}");
            case 2:
                network.ComputeLossBatch(inputs, targets, outputs, losses);
                return Compare(expected.BatchLosses, losses, "ComputeLossBatch's losses")
                       ?? Compare(expected.BatchPredictions, outputs, "ComputeLossBatch's predictions");
            case 3:
                network.PredictBatch(inputs, outputs);
                return Compare(expected.BatchPredictions, outputs, "PredictBatch");
            case 4:
                Array.Clear(gradient);
                return Compare(expected.Losses[n], network.Backpropagate(input, target, gradient), $"Backpropagate's loss of example {n}")
                       ?? Compare(expected.Gradients[n], gradient, $"Backpropagate of example {n}");
            default:
                Array.Clear(gradient);
                network.BackpropagateBatch(inputs, targets, gradient);
                return Compare(expected.BatchGradient, gradient, "BackpropagateBatch");
        }
    }

    private static string? Compare<T>(T expected, T actual, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Near.Bits(expected) == Near.Bits(actual) ? null : $"{what}: expected {expected:R}, got {actual:R}";

    private static string? Compare<T>(T[] expected, T[] actual, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int k = 0; k < expected.Length; k++)
        {
            if (Near.Bits(expected[k]) != Near.Bits(actual[k]))
                return $"{what}[{k}]: expected {expected[k]:R}, got {actual[k]:R}";
        }

        return null;
    }

    /// <summary>What each call gives on one thread, computed before the threads start.</summary>
    private sealed record Expected<T>(T[][] Predictions, T[] Losses, T[] BatchPredictions, T[] BatchLosses, T[][] Gradients, T[] BatchGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static Expected<T> Of<TNet>(TNet network, T[] inputs, T[] targets)
            where TNet : class, INeuralNetwork<TNet, T>
        {
            var predictions = new T[Examples][];
            var losses = new T[Examples];
            var gradients = new T[Examples][];
            for (int n = 0; n < Examples; n++)
            {
                ReadOnlySpan<T> input = inputs.AsSpan(n * TNet.InputSize, TNet.InputSize);
                ReadOnlySpan<T> target = targets.AsSpan(n * TNet.OutputSize, TNet.OutputSize);
                predictions[n] = new T[TNet.OutputSize];
                network.Predict(input, predictions[n]);
                losses[n] = network.ComputeLoss(input, target);
                gradients[n] = new T[TNet.ParameterCount];
                network.Backpropagate(input, target, gradients[n]);
            }

            var batchPredictions = new T[Examples * TNet.OutputSize];
            network.PredictBatch(inputs, batchPredictions);
            var batchLosses = new T[Examples];
            network.ComputeLossBatch(inputs, targets, new T[Examples * TNet.OutputSize], batchLosses);
            var batchGradient = new T[TNet.ParameterCount];
            network.BackpropagateBatch(inputs, targets, batchGradient);
            return new Expected<T>(predictions, losses, batchPredictions, batchLosses, gradients, batchGradient);
        }
    }
}

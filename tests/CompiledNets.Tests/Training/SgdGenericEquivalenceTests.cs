using System.Numerics;
using CompiledNets.Data;
using CompiledNets.Training;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.Training;

/// <summary>
/// The equivalences of <see cref="SgdEquivalenceTests"/> for other shapes of generated code: SIMD loops instead of
/// unrolled code (<see cref="LoopNet"/>), and single precision with softmax and cross-entropy (<see cref="FloatSoftmaxNet"/>).
/// </summary>
public sealed class SgdGenericEquivalenceTests
{
    [Fact]
    public void Per_sample_training_equals_manual_TrainStep_for_a_loop_network() => PerSample<LoopNet, double>();

    [Fact]
    public void Per_sample_training_equals_manual_TrainStep_in_single_precision() => PerSample<FloatSoftmaxNet, float>();

    [Fact]
    public void Mini_batches_equal_manual_BackpropagateBatch_for_a_loop_network() => MiniBatch<LoopNet, double>(6);

    [Fact]
    public void Mini_batches_equal_manual_BackpropagateBatch_in_single_precision() => MiniBatch<FloatSoftmaxNet, float>(6);

    [Fact]
    public void TrainStep_equals_Backpropagate_and_ApplyGradient_for_a_loop_network() => FusedEqualsSeparate<LoopNet, double>();

    [Fact]
    public void TrainStep_equals_Backpropagate_and_ApplyGradient_in_single_precision() => FusedEqualsSeparate<FloatSoftmaxNet, float>();

    [Fact]
    public void Threads_are_deterministic_for_a_loop_network()
    {
        Dataset<double> data = TrainingData.Random<LoopNet, double>(90);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 10, Threads = 3 };
        LoopNet first = new LoopNet(), second = new LoopNet(), single = new LoopNet();

        Trainer.Train(first, data, new Sgd(0.3), options);
        Trainer.Train(second, data, new Sgd(0.3), options);
        Trainer.Train(single, data, new Sgd(0.3), options with { Threads = 1 });

        Assert.Equal(first.Parameters.ToArray(), second.Parameters.ToArray());
        Near.AssertRelativeToLargest(single.Parameters, first.Parameters, 1e-12);
    }

    [Fact]
    public void Training_learns_the_random_classification_set_in_single_precision()
    {
        Dataset<float> data = TrainingData.Random<FloatSoftmaxNet, float>(300);
        var network = new FloatSoftmaxNet();
        double before = Trainer.Evaluate(network, data).Accuracy!.Value;

        IReadOnlyList<EpochReport> reports = Trainer.Train(network, data, new Sgd(0.05, momentum: 0.9),
            new TrainingOptions { Epochs = 20, BatchSize = 10, Threads = 2, EvaluateTrainingSet = true });

        Assert.True(reports[^1].Training!.Accuracy > Math.Max(0.8, before), $"accuracy {before} -> {reports[^1].Training!.Accuracy}");
        double lastEpochs = reports.TakeLast(3).Average(r => r.TrainingLoss);
        Assert.True(lastEpochs < 0.5 * reports[0].TrainingLoss, string.Join(", ", reports.Select(r => r.TrainingLoss.ToString("F4"))));
    }

    private static void PerSample<TNet, T>()
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Dataset<T> data = TrainingData.Random<TNet, T>(23);
        TNet trained = TNet.Create(), manual = TNet.Create();

        IReadOnlyList<EpochReport> reports = Trainer.Train(trained, data, new Sgd(0.1), new TrainingOptions { Epochs = 2, Shuffle = false });

        T rate = T.CreateChecked(0.1);
        for (int epoch = 0; epoch < 2; epoch++)
        {
            double lossSum = 0;
            for (int n = 0; n < data.Count; n++)
                lossSum += double.CreateChecked(manual.TrainStep(data.Input(n), data.Target(n), rate));
            Assert.Equal(lossSum / data.Count, reports[epoch].TrainingLoss);
        }

        Assert.Equal(manual.Parameters.ToArray(), trained.Parameters.ToArray());
    }

    private static void MiniBatch<TNet, T>(int batchSize)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Dataset<T> data = TrainingData.Random<TNet, T>(23);
        TNet trained = TNet.Create(), manual = TNet.Create();

        Trainer.Train(trained, data, new Sgd(0.1), new TrainingOptions { Epochs = 2, BatchSize = batchSize, Shuffle = false });

        var gradient = new T[TNet.ParameterCount];
        int inputSize = TNet.InputSize, outputSize = TNet.OutputSize;
        T rate = T.CreateChecked(0.1);
        for (int epoch = 0; epoch < 2; epoch++)
        {
            for (int start = 0; start < data.Count; start += batchSize)
            {
                int count = Math.Min(batchSize, data.Count - start);
                Array.Clear(gradient);
                manual.BackpropagateBatch(data.Inputs.Slice(start * inputSize, count * inputSize),
                    data.Targets.Slice(start * outputSize, count * outputSize), gradient);
                manual.ApplyGradient(gradient, rate * (T.One / T.CreateChecked(count)));
            }
        }

        Assert.Equal(manual.Parameters.ToArray(), trained.Parameters.ToArray());
    }

    private static void FusedEqualsSeparate<TNet, T>()
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Dataset<T> data = TrainingData.Random<TNet, T>(10);
        TNet fused = TNet.Create(), separate = TNet.Create();
        var gradient = new T[TNet.ParameterCount];
        T rate = T.CreateChecked(0.25);
        for (int n = 0; n < data.Count; n++)
        {
            T fusedLoss = fused.TrainStep(data.Input(n), data.Target(n), rate);
            Array.Clear(gradient);
            T loss = separate.Backpropagate(data.Input(n), data.Target(n), gradient);
            separate.ApplyGradient(gradient, rate);
            Assert.Equal(loss, fusedLoss);
            Assert.Equal(separate.Parameters.ToArray(), fused.Parameters.ToArray());
        }
    }
}

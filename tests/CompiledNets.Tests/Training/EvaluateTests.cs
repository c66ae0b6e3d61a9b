using CompiledNets.Data;
using CompiledNets.Training;
using CompiledNets.Tests.Networks;
using CompiledNets.Tests.MathTests;

namespace CompiledNets.Tests.Training;

/// <summary>Trainer.Evaluate on sets small enough to score by hand: the networks predict their input (or its softmax / sigmoid).</summary>
public sealed class EvaluateTests
{
    [Fact]
    public void Labelled_data_gives_accuracy_and_a_confusion_matrix()
    {
        var network = new IdentityNet();
        TrainingData.SetIdentity(network.IdentityWeights, 3);
        double[] inputs =
        [
            0.9, 0.1, 0.0, // label 0, predicted 0
            0.2, 0.7, 0.1, // label 1, predicted 1
            0.1, 0.2, 0.6, // label 2, predicted 2
            0.6, 0.3, 0.1, // label 1, predicted 0
            0.1, 0.1, 0.8, // label 0, predicted 2
            0.3, 0.3, 0.3, // label 1, a tie: the first largest, 0
            0.0, 0.4, 0.5, // label 2, predicted 2
            0.2, 0.5, 0.3, // label 1, predicted 1
        ];
        int[] labels = [0, 1, 2, 1, 0, 1, 2, 1];
        Dataset<double> data = Dataset<double>.FromLabels(inputs, 3, labels, 3);

        Evaluation result = Trainer.Evaluate(network, data);

        Assert.Equal(8, result.Count);
        Assert.Equal(5.0 / 8, result.Accuracy);
        ConfusionMatrix confusion = Assert.IsType<ConfusionMatrix>(result.Confusion);
        Assert.Equal(3, confusion.Classes);
        int[,] expected =
        {
            { 1, 0, 1 },
            { 2, 2, 0 },
            { 0, 0, 2 },
        };
        for (int actual = 0; actual < 3; actual++)
        {
            for (int predicted = 0; predicted < 3; predicted++)
                Assert.Equal(expected[actual, predicted], confusion[actual, predicted]);
        }

        // Mean over examples of the mean squared error against the one-hot target.
        double loss = 0;
        for (int n = 0; n < 8; n++)
        {
            for (int k = 0; k < 3; k++)
            {
                double error = inputs[3 * n + k] - (labels[n] == k ? 1 : 0);
                loss += error * error / 3;
            }
        }

        Assert.Equal(loss / 8, result.Loss, 1e-14);
    }

    [Fact]
    public void An_evaluation_prints_on_one_line_and_leaves_the_table_to_its_confusion_matrix()
    {
        var confusion = new ConfusionMatrix(3);
        confusion.Add(0, 1);

        Assert.Equal("Evaluation { Loss = 0.25, Accuracy = 0.5, Count = 2, Confusion = 3 x 3 (Confusion.ToString() prints it) }",
            new Evaluation(0.25, 0.5, 2, confusion).ToString());
        Assert.Equal("Evaluation { Loss = NaN, Accuracy = null, Count = 1, Confusion = null }", new Evaluation(double.NaN, null, 1, null).ToString());
    }

    [Fact]
    public void Cross_entropy_without_labels_takes_the_class_from_the_one_hot_target_and_has_no_confusion_matrix()
    {
        var network = new SoftmaxIdentityNet();
        TrainingData.SetIdentity(network.IdentityWeights, 2);
        double[] inputs = [2, 0, 0, 1, 1, 0, 0, 3];
        double[] targets = [1, 0, 1, 0, 1, 0, 0, 1]; // classes 0, 0, 0, 1: predicted 0, 1, 0, 1
        var data = new Dataset<double>(inputs, 2, targets, 2);

        Evaluation result = Trainer.Evaluate(network, data);

        Assert.Equal(0.75, result.Accuracy);
        Assert.Null(result.Confusion);
        // -log softmax(z)_t = log(1 + exp(z_other - z_t)).
        double expected = (Math.Log(1 + Math.Exp(-2)) + Math.Log(1 + Math.Exp(1)) + Math.Log(1 + Math.Exp(-1)) + Math.Log(1 + Math.Exp(-3))) / 4;
        Assert.Equal(expected, result.Loss, 1e-14);
    }

    [Fact]
    public void Binary_cross_entropy_scores_every_output_against_0_5()
    {
        var network = new SigmoidIdentityNet();
        TrainingData.SetIdentity(network.IdentityWeights, 2);
        double[] inputs = [1, -1, 2, 3, -0.5, -2];
        double[] targets = [1, 0, 0, 1, 0, 1]; // right, right; wrong, right; right, wrong
        var data = new Dataset<double>(inputs, 2, targets, 2);

        Evaluation result = Trainer.Evaluate(network, data);

        Assert.Equal(4.0 / 6, result.Accuracy);
        Assert.Null(result.Confusion);
        Assert.Equal(3, result.Count);
    }

    [Fact]
    public void One_output_with_labels_0_and_1_predicts_class_1_from_0_5_up()
    {
        var network = new BinaryClassifierNet();
        network.LogitWeights[0] = 1;
        network.LogitBiases[0] = 0; // predicts sigmoid(x)
        double[] inputs = [2, -1, 0, -3, 0.5]; // sigmoid 0.88, 0.27, 0.5, 0.05, 0.62: classes 1, 0, 1, 0, 1
        int[] labels = [1, 1, 0, 0, 0];
        var data = new Dataset<double>(inputs, 1, labels.Select(label => (double)label).ToArray(), 1, labels);

        Evaluation result = Trainer.Evaluate(network, data);

        Assert.Equal(2.0 / 5, result.Accuracy);
        ConfusionMatrix confusion = Assert.IsType<ConfusionMatrix>(result.Confusion);
        Assert.Equal(2, confusion.Classes);
        Assert.Equal([1, 2, 1, 1], new[] { confusion[0, 0], confusion[0, 1], confusion[1, 0], confusion[1, 1] });
        // Binary cross-entropy: -log p for class 1, -log(1 - p) for class 0, with p = sigmoid(x).
        double expected = inputs.Zip(labels, (x, label) => -Math.Log(label == 1 ? 1 / (1 + Math.Exp(-x)) : 1 - 1 / (1 + Math.Exp(-x)))).Average();
        Assert.Equal(expected, result.Loss, 1e-14);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void A_label_that_is_not_one_of_the_networks_classes_is_named(int label)
    {
        var data = new Dataset<double>([1, 2, 3], 1, [1, 0, 1], 1, [1, 0, label]);

        var exception = Assert.Throws<ArgumentException>(() => Trainer.Evaluate(new BinaryClassifierNet(), data));

        Assert.Equal("data", exception.ParamName);
        Assert.StartsWith(
            $"Label {label} of example 2 is not a class of the network (1 -> Dense(1, Sigmoid)), whose classes are 0 to 1 (its one " +
            "output is the probability of class 1).", exception.Message);
    }

    [Fact]
    public void Regression_has_a_loss_but_no_accuracy()
    {
        var network = new LineNet();
        network.LineWeights[0] = 2;
        network.LineBiases[0] = 0; // predicts 2x for targets 2x + 1: every error is 1
        Dataset<double> data = TrainingData.Line(7);

        Evaluation result = Trainer.Evaluate(network, data);

        Assert.Null(result.Accuracy);
        Assert.Null(result.Confusion);
        Assert.Equal(7, result.Count);
        Assert.Equal(1.0, result.Loss, 1e-14);
    }

    [Fact] public void Threads_give_the_same_bits_as_one_dense() => AssertThreadsAgree<Mnist784>();
    [Fact] public void Threads_give_the_same_bits_as_one_convolutional() => AssertThreadsAgree<ConvChainFloat>();

    /// <summary>
    /// 2,600 labelled examples: rounds of 1,024 examples on one thread, 2,048 on two and 3,072 on three (one round, its
    /// eleven chunks shared 3/4/4), each chunk a ComputeLossBatch call of 256 but the last (40). Every thread count must
    /// give the one-thread evaluation bit for bit; its loss is the mean of one-example ComputeLoss to rounding.
    /// </summary>
    private static void AssertThreadsAgree<TNet>() where TNet : class, INeuralNetwork<TNet, float>
    {
        const int count = 2600;
        var random = new Random(5);
        TNet network = TNet.Create();
        float[] inputs = TestValues.Uniform(random, count * TNet.InputSize, 1).Select(v => (float)v).ToArray();
        int[] labels = Enumerable.Range(0, count).Select(_ => random.Next(TNet.OutputSize)).ToArray();
        Dataset<float> data = Dataset<float>.FromLabels(inputs, TNet.InputSize, labels, TNet.OutputSize);

        Evaluation one = Trainer.Evaluate(network, data);
        double expectedLoss = Enumerable.Range(0, count).Average(n => (double)network.ComputeLoss(data.Input(n), data.Target(n)));
        Assert.Equal(expectedLoss, one.Loss, 1e-6 * expectedLoss);
        ConfusionMatrix confusion = one.Confusion!;
        Assert.Equal(count, Enumerable.Range(0, TNet.OutputSize).Sum(a => Enumerable.Range(0, TNet.OutputSize).Sum(p => confusion[a, p])));
        foreach (int threads in new[] { 2, 3 })
        {
            Evaluation many = Trainer.Evaluate(network, data, threads);
            Assert.Equal(BitConverter.DoubleToInt64Bits(one.Loss), BitConverter.DoubleToInt64Bits(many.Loss));
            Assert.Equal(one.Accuracy, many.Accuracy);
            for (int actual = 0; actual < TNet.OutputSize; actual++)
            {
                for (int predicted = 0; predicted < TNet.OutputSize; predicted++)
                    Assert.Equal(confusion[actual, predicted], many.Confusion![actual, predicted]);
            }
        }

        Assert.Equal("threads", Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Evaluate(network, data, 0)).ParamName);
        Assert.Equal(BitConverter.DoubleToInt64Bits(one.Loss), BitConverter.DoubleToInt64Bits(Trainer.Evaluate(network, data, int.MaxValue).Loss));
    }

    [Fact]
    public void What_a_helper_thread_throws_reaches_the_caller()
    {
        // 600 examples on two threads: the helper takes the second and third chunks (from example 256), and the chunk
        // at 512 fails. Thrown on the helper's own thread, it would end the process.
        double[] inputs = Enumerable.Range(0, 600).SelectMany(n => new[] { n, 0.5 }).Select(v => (double)v).ToArray();
        var data = new Dataset<double>(inputs, 2, new double[600], 1);
        var network = new Persistence.FakeNetwork<double> { FailOnFirstInput = 512 };

        var error = Assert.Throws<InvalidOperationException>(() => Trainer.Evaluate(network, data, threads: 2));

        Assert.Equal("the batch starting with 512 fails", error.Message);
        Assert.Equal(600, Trainer.Evaluate(new Persistence.FakeNetwork<double> { FailOnFirstInput = 1 }, data, threads: 2).Count);
    }

    [Fact]
    public void Evaluate_does_not_change_the_network()
    {
        var network = new TrainerNet();
        double[] before = network.Parameters.ToArray();

        Trainer.Evaluate(network, TrainingData.ForTrainerNet(10));

        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_empty_set_is_refused_rather_than_scored_a_loss_of_zero(int threads)
    {
        // It evaluated to a loss of 0 (a mean over no examples), which reads as a perfect network.
        var error = Assert.Throws<ArgumentException>(() => Trainer.Evaluate(new LineNet(), new Dataset<double>([], 1, [], 1), threads));

        Assert.Equal("data", error.ParamName);
        Assert.StartsWith("The data set is empty: there is nothing to evaluate.", error.Message);
    }

    [Fact]
    public void A_cross_entropy_target_that_is_not_a_distribution_is_refused_as_training_refuses_it()
    {
        // An all-zero target scored a loss of 0 for its example, as if the prediction were perfect.
        var network = new SoftmaxIdentityNet();
        TrainingData.SetIdentity(network.IdentityWeights, 2);
        var data = new Dataset<double>([2, 0, 0, 1], 2, [1, 0, 0, 0], 2);

        var error = Assert.Throws<ArgumentException>(() => Trainer.Evaluate(network, data));

        Assert.Equal("data", error.ParamName);
        Assert.StartsWith("The target of example 1 sums to 0; cross-entropy targets must sum to 1 (a one-hot label, or a distribution).",
            error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_input_that_is_not_a_finite_number_is_named_rather_than_scored(int threads)
    {
        var network = new IdentityNet();
        TrainingData.SetIdentity(network.IdentityWeights, 3);
        Dataset<double> data = Dataset<double>.FromLabels([0.9, 0.1, 0, 0.2, double.NaN, 0.1], 3, [0, 1], 3);

        var error = Assert.Throws<ArgumentException>(() => Trainer.Evaluate(network, data, threads));

        Assert.Equal("data", error.ParamName);
        Assert.StartsWith("The input of example 1 has NaN at position 1; every value must be a finite number.", error.Message);
    }
}

public sealed class ConfusionMatrixTests
{
    [Fact]
    public void Counts_land_in_the_row_of_the_true_class_and_the_column_of_the_prediction()
    {
        var confusion = new ConfusionMatrix(3);
        confusion.Add(2, 0);
        confusion.Add(2, 0);
        confusion.Add(0, 1);

        Assert.Equal(2, confusion[2, 0]);
        Assert.Equal(1, confusion[0, 1]);
        Assert.Equal(0, confusion[0, 2]);
        Assert.Contains("     2     2     0     0", confusion.ToString());
    }

    [Fact]
    public void Counts_of_six_digits_or_more_widen_the_columns_instead_of_running_together()
    {
        // A yes/no classifier evaluated on a million examples. With columns of 6, the last row read "     1100000     0"
        // (class 1's label ran into its count) and no column lined up with its header.
        var confusion = new ConfusionMatrix(2);
        for (int i = 0; i < 1_234_567; i++)
            confusion.Add(0, 0);
        for (int i = 0; i < 89; i++)
            confusion.Add(0, 1);
        for (int i = 0; i < 100_000; i++)
            confusion.Add(1, 0);

        Assert.Equal("actual \\ predicted\n" +
                     "               0       1\n" +
                     "       0 1234567      89\n" +
                     "       1  100000       0\n", confusion.ToString());
    }

    [Fact]
    public void An_out_of_range_class_is_rejected_rather_than_aliased_to_another_cell()
    {
        var confusion = new ConfusionMatrix(3);
        confusion.Add(1, 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => confusion[0, 3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => confusion.Add(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => confusion.Add(-1, 2));
        Assert.Equal(0, confusion[1, 1]);
    }

    [Theory]
    [InlineData(ConfusionMatrix.TableLimit)]
    [InlineData(ConfusionMatrix.TableLimit + 1)]
    [InlineData(50_000)] // a table of every cell overflowed an int (OverflowException) from 46,341 classes
    public void Many_classes_count_alike_and_keep_only_the_cells_that_occur(int classes)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var confusion = new ConfusionMatrix(classes);
        confusion.Add(classes - 1, 3);
        confusion.Add(classes - 1, 3);
        confusion.Add(7, 7);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2, confusion[classes - 1, 3]);
        Assert.Equal(1, confusion[7, 7]);
        Assert.Equal(0, confusion[3, classes - 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => confusion.Add(classes, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => confusion[0, classes]);
        if (classes <= ConfusionMatrix.TableLimit)
        {
            Assert.InRange(allocated, 4L * classes * classes, 4L * classes * classes + 1024);
        }
        else
        {
            // 20,000 classes took 1.6 GB per evaluation as a table.
            Assert.InRange(allocated, 0, 4096);
            Assert.Equal(
                $"{classes} classes; the cells that occur:\nactual 7, predicted 7: 1\nactual {classes - 1}, predicted 3: 2\n",
                confusion.ToString());
        }
    }
}

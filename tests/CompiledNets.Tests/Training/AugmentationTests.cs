using System.Numerics;
using CompiledNets.Data;
using CompiledNets.Numerics;
using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

/// <summary>RandomShift's pixels, and how the trainer applies an augmentation: to a copy, once per example and epoch, reproducibly.</summary>
public sealed class AugmentationTests
{
    [Fact]
    public void A_shift_down_and_right_moves_every_pixel_and_zeros_the_uncovered_edge()
    {
        double[] image = [1, 2, 3, 4, 5, 6, 7, 8, 9];

        RandomShift.Shift<double>(image, height: 3, width: 3, down: 1, right: 1);

        Assert.Equal([0, 0, 0, 0, 1, 2, 0, 4, 5], image);
    }

    [Fact]
    public void Shifting_in_place_matches_an_out_of_place_shift_for_every_offset()
    {
        const int height = 5, width = 4;
        for (int down = -height; down <= height; down++)
        {
            for (int right = -width; right <= width; right++)
            {
                float[] image = Enumerable.Range(1, height * width).Select(v => (float)v).ToArray();
                var expected = new float[height * width];
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        int sy = y - down, sx = x - right;
                        expected[y * width + x] = sy is >= 0 and < height && sx is >= 0 and < width ? image[sy * width + sx] : 0;
                    }
                }

                RandomShift.Shift<float>(image, height, width, down, right);

                Assert.True(expected.SequenceEqual(image), $"down {down}, right {right}: [{string.Join(", ", image)}]");
            }
        }
    }

    [Fact]
    public void Apply_draws_every_shift_up_to_the_maximum_and_moves_all_channels_alike()
    {
        // Two 7 x 7 channels with one lit pixel each at the centre: where it lands is the shift drawn.
        var shift = new RandomShift(maxPixels: 2, channels: 2, height: 7, width: 7);
        var random = new SplitMix64(3);
        var seen = new HashSet<(int Down, int Right)>();
        var image = new double[2 * 49];
        for (int draw = 0; draw < 1000; draw++)
        {
            Array.Clear(image);
            image[3 * 7 + 3] = 1;
            image[49 + 3 * 7 + 3] = 2;

            shift.Apply<double>(image, ref random);

            int first = Array.IndexOf(image, 1.0), second = Array.IndexOf(image, 2.0);
            Assert.Equal(first + 49, second);
            seen.Add((first / 7 - 3, first % 7 - 3));
        }

        var expected = from down in Enumerable.Range(-2, 5) from right in Enumerable.Range(-2, 5) select (down, right);
        Assert.Equal(expected.OrderBy(s => s), seen.OrderBy(s => s));
    }

    [Fact]
    public void RandomShift_skips_exactly_the_draws_it_applies()
    {
        // Threads that split a batch replay each example's draws from states set aside by skipping: they must match.
        var shift = new RandomShift(maxPixels: 2, channels: 1, height: 5, width: 5);
        var applied = new SplitMix64(9);
        var skipped = new SplitMix64(9);
        var image = new float[25];
        for (int example = 0; example < 100; example++)
        {
            shift.Apply<float>(image, ref applied);
            shift.SkipDraws(ref skipped);
            Assert.Equal(applied.NextUInt64(), skipped.NextUInt64());
        }

        Assert.True(shift.CanSkipDraws);
        Assert.False(new Noise().CanSkipDraws);
    }

    [Fact]
    public void RandomShift_refuses_shifts_as_large_as_the_image_and_inputs_of_another_size()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomShift(maxPixels: 4, channels: 1, height: 4, width: 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomShift(maxPixels: -1, channels: 1, height: 4, width: 9));

        var error = Assert.Throws<ArgumentException>(() => new RandomShift(2, 1, 28, 28).CheckInputSize(10));

        Assert.Equal("RandomShift(MaxPixels = 2, Channels = 1, Height = 28, Width = 28) shifts images of 784 values, but the network's inputs have 10. " +
                     "Give RandomShift the channels, height and width of the network's [Input]. (Parameter 'options')", error.Message);
    }

    [Fact]
    public void RandomShift_refuses_an_image_of_more_values_than_an_input_can_have()
    {
        // 1 x 65,536 x 65,537 values wrapped to 65,536 in int: a network of 65,536 inputs passed the size check.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomShift(maxPixels: 1, channels: 1, height: 65_536, width: 65_537));

        Assert.StartsWith("An image of 1 x 65536 x 65537 values has more than int.MaxValue (2147483647) values, more than a network's "
                          + "input can have. (Parameter 'width')", error.Message);
        // The largest of each, whose product overflows long as well.
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomShift(1, int.MaxValue, int.MaxValue, int.MaxValue));
    }

    [Fact]
    public void The_trainer_refuses_a_shift_of_the_wrong_size_before_any_step()
    {
        var network = new LoopNet();
        double[] before = network.Parameters.ToArray();

        var error = Assert.Throws<ArgumentException>(() => Trainer.Train(network, TrainingData.Random<LoopNet, double>(8), new Sgd(0.1),
            new TrainingOptions { Augmentation = new RandomShift(1, 1, 3, 3) }));

        Assert.StartsWith("RandomShift(MaxPixels = 1, Channels = 1, Height = 3, Width = 3) shifts images of 9 values, but the network's inputs have 10.", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(1, 1)] // plain SGD at batch 1: the network's fused TrainStep
    [InlineData(4, 1)]
    [InlineData(4, 2)]
    public void The_trainer_augments_a_copy_of_every_example_once_per_epoch(int batchSize, int threads)
    {
        Dataset<double> data = TrainingData.ForTrainerNet(10);
        double[] inputs = data.Inputs.ToArray();
        var noise = new Noise();

        Trainer.Train(new TrainerNet(), data, new Sgd(0.05), new TrainingOptions
        {
            Epochs = 3, BatchSize = batchSize, Threads = threads, Augmentation = noise,
        });

        Assert.Equal(3 * 10, noise.Calls);
        Assert.Equal(inputs, data.Inputs.ToArray());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(4, 2)]
    public void A_NaN_an_augmentation_writes_is_named_rather_than_reported_as_divergence(int batchSize, int threads)
    {
        // It reached the parameters, and training "diverged" with advice to lower the learning rate and check the data.
        var network = new TrainerNet();

        var error = Assert.Throws<InvalidOperationException>(() => Trainer.Train(network, TrainingData.ForTrainerNet(10), new Sgd(0.05),
            new TrainingOptions { Epochs = 2, BatchSize = batchSize, Threads = threads, Shuffle = false, Augmentation = new NaNOnCall(7) }));

        Assert.Equal("The augmentation NaNOnCall(7) wrote NaN into value 1 of example 6's input; an augmentation must keep every value a " +
                     "finite number. The network keeps the parameters of the last step before this example.", error.Message);
        Assert.Equal(-1, VectorMath.IndexOfNonFinite<double>(network.Parameters));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 2)]
    public void Augmented_training_is_reproducible_and_differs_from_plain_training(int batchSize, int threads)
    {
        Dataset<double> data = TrainingData.ForTrainerNet(10);
        var options = new TrainingOptions { Epochs = 3, BatchSize = batchSize, Threads = threads, Seed = 4 };
        double[] Train(TrainingOptions settings)
        {
            var network = new TrainerNet();
            Trainer.Train(network, data, new Sgd(0.05), settings);
            return network.Parameters.ToArray();
        }

        double[] plain = Train(options), first = Train(options with { Augmentation = new Noise() });
        double[] second = Train(options with { Augmentation = new Noise() });
        double[] otherSeed = Train(options with { Augmentation = new Noise(), Seed = 5 });

        Assert.Equal(first, second);
        Assert.NotEqual(plain, first);
        Assert.NotEqual(first, otherSeed);
    }

    /// <summary>Writes NaN into the second value of the input it is applied to on call <paramref name="call"/>.</summary>
    private sealed class NaNOnCall(int call) : Augmentation
    {
        private int _calls;

        public override void Apply<T>(Span<T> input, ref SplitMix64 random)
        {
            if (++_calls == call)
                input[1] = T.NaN;
        }

        public override string ToString() => $"NaNOnCall({call})";
    }

    /// <summary>Adds noise in [-0.1, 0.1) to every input value, and counts its calls.</summary>
    private sealed class Noise : Augmentation
    {
        public int Calls { get; private set; }

        public override void Apply<T>(Span<T> input, ref SplitMix64 random)
        {
            Calls++;
            for (int i = 0; i < input.Length; i++)
                input[i] += T.CreateChecked((random.NextDouble() - 0.5) * 0.2);
        }

        public override string ToString() => "Noise(0.1)";
    }
}

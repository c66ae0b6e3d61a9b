using CompiledNets.Persistence;

namespace CompiledNets.Tests.Persistence;

[Network(Loss = Loss.CrossEntropy, Seed = 3)]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class WeightsTestClassifier;

/// <summary>The same sizes as <see cref="WeightsTestClassifier"/>, so only the architecture string tells them apart.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 3)]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
public partial class WeightsTestSameShape;

/// <summary>The weights file with networks written by the source generator rather than by hand.</summary>
public sealed class GeneratedNetworkWeightsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_generated_network_round_trips_with_inferred_type_arguments()
    {
        var saved = new WeightsTestClassifier();
        saved.InitializeParameters(seed: 42);
        var loaded = new WeightsTestClassifier();
        string path = _directory.File("classifier.cnw");

        NetworkWeights.Save(saved, path);
        NetworkWeights.Load(loaded, path);

        Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(24 + System.Text.Encoding.UTF8.GetByteCount(ArchitectureOf<WeightsTestClassifier>()) + WeightsTestClassifier.ParameterCount * sizeof(float),
            new FileInfo(path).Length);
    }

    [Fact]
    public void Weights_of_a_network_with_the_same_shape_but_another_architecture_are_refused()
    {
        string path = _directory.File("classifier.cnw");
        NetworkWeights.Save(new WeightsTestClassifier(), path);
        var other = new WeightsTestSameShape();
        float[] before = other.Parameters.ToArray();

        var error = Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(other, path));

        Assert.Contains(ArchitectureOf<WeightsTestClassifier>(), error.Message);
        Assert.Contains(ArchitectureOf<WeightsTestSameShape>(), error.Message);
        Assert.Equal(before, other.Parameters.ToArray());
    }

    // Generated classes implement the static interface members explicitly; a constrained type parameter reaches them.
    private static string ArchitectureOf<TNet>() where TNet : class, INeuralNetwork<TNet, float> => TNet.Architecture;
}

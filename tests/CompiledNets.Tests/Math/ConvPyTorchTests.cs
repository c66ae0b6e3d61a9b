using System.Numerics;
using System.Text.Json;
using CompiledNets.Tests.Networks;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// A small conv net with PyTorch's parameters: its outputs, losses and every parameter gradient against what PyTorch
/// 1.13 computed (Fixtures/torch_conv.py wrote Fixtures/torch_conv.json), in double to 1e-10 and in float to 1e-5,
/// relative to the largest value compared. Copying the state_dict into Parameters is the whole mapping.
/// </summary>
public sealed class ConvPyTorchTests
{
    [Fact]
    public void Double_matches_PyTorch_to_1e_10() => AssertMatchesPyTorch<ConvAgreementNet, double>(1e-10);

    [Fact]
    public void Float_matches_PyTorch_to_1e_5() => AssertMatchesPyTorch<ConvAgreementNetFloat, float>(1e-5);

    private static void AssertMatchesPyTorch<TNet, T>(double tolerance)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using JsonDocument fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Math", "Fixtures", "torch_conv.json")));
        double[] parameters = Values(fixture.RootElement.GetProperty("parameters"));
        Assert.Equal(TNet.ParameterCount, parameters.Length);
        TNet network = TNet.Create();
        Convert<T>(parameters).CopyTo(network.Parameters);

        foreach (JsonElement example in fixture.RootElement.GetProperty("examples").EnumerateArray())
        {
            T[] input = Convert<T>(Values(example.GetProperty("input")));
            T[] target = Convert<T>(Values(example.GetProperty("target")));
            var output = new T[TNet.OutputSize];
            network.Predict(input, output);
            AssertClose(Values(example.GetProperty("output")), output, tolerance, "output");

            var gradient = new T[TNet.ParameterCount];
            T loss = network.Backpropagate(input, target, gradient);
            AssertClose([example.GetProperty("loss").GetDouble()], [loss], tolerance, "loss");
            double[] expected = Values(example.GetProperty("gradient"));
            AssertClose(expected, gradient, tolerance, "gradient");
            Assert.Contains(expected, g => System.Math.Abs(g) > 1e-3);
        }
    }

    private static double[] Values(JsonElement array) => array.EnumerateArray().Select(value => value.GetDouble()).ToArray();

    private static T[] Convert<T>(double[] values) where T : IFloatingPointIeee754<T>
        => values.Select(T.CreateChecked).ToArray();

    private static void AssertClose<T>(double[] expected, T[] actual, double tolerance, string what)
        where T : IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        double largest = System.Math.Max(expected.Max(System.Math.Abs), 1e-300);
        for (int k = 0; k < expected.Length; k++)
        {
            double a = double.CreateChecked(actual[k]);
            Assert.True(System.Math.Abs(a - expected[k]) <= tolerance * largest, $"{what}[{k}]: PyTorch {expected[k]:R}, here {a:R}");
        }
    }
}

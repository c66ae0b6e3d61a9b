using System.Reflection;
using CompiledNets.Tests.Networks;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// Convolution, pooling and flatten layers: backpropagation against central finite differences in double (worst
/// relative error below 1e-6, every parameter), and the batched and fused paths against the per-example ones.
/// </summary>
public sealed class ConvGradientCheckTests
{
    public static TheoryData<Type> Networks => new(ConvNetworks.Double);

    [Theory]
    [MemberData(nameof(Networks))]
    public void Backpropagation_matches_finite_differences(Type network)
        => typeof(GradientCheckTests).GetMethod("AssertGradientsMatch", BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(network).InvokeUnwrapped();

    [Theory]
    [MemberData(nameof(Networks))]
    public void Batches_match_one_example_at_a_time(Type network)
        => typeof(BatchTests).GetMethod("AssertBatchesMatch", BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(network, typeof(double)).Invoke(null, [true]);

    [Fact]
    public void Float_batches_match_one_example_at_a_time() => BatchTests.AssertBatchesMatch<ConvChainFloat, float>(tiled: true);

    [Fact]
    public void TrainStep_equals_Backpropagate_then_ApplyGradient_bit_for_bit()
    {
        var random = new Random(5);
        var fused = new ConvChainFloat();
        var separate = new ConvChainFloat();
        for (int step = 0; step < 20; step++)
        {
            float[] input = TestValues.Convert<float>(TestValues.Uniform(random, ConvChainFloat.InputSize, 1));
            var target = new float[ConvChainFloat.OutputSize];
            target[step % target.Length] = 1;
            float fusedLoss = fused.TrainStep(input, target, 0.05f);
            var gradient = new float[ConvChainFloat.ParameterCount];
            float separateLoss = separate.Backpropagate(input, target, gradient);
            separate.ApplyGradient(gradient, 0.05f);
            Assert.Equal(separateLoss, fusedLoss);
            Near.AssertBitwiseEqual<float>(separate.Parameters, fused.Parameters, $"parameters after step {step}");
        }
    }
}

using System.Reflection;
using CompiledNets.Tests.Networks;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// Convolution, pooling and flatten layers: backpropagation against central finite differences in double (worst
/// relative error below 1e-6, every parameter), and the batched paths against the per-example ones (the fused TrainStep:
/// TrainingPropertyTests).
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
            .MakeGenericMethod(network, typeof(double)).Invoke(null, [true, Type.Missing, Type.Missing]);

    [Fact]
    public void Float_batches_match_one_example_at_a_time() => BatchTests.AssertBatchesMatch<ConvChainFloat, float>(tiled: true);
}

using System.Numerics;
using CompiledNets;

namespace CompiledNets.Tests.Shared;

/// <summary>
/// The fused <c>TrainStep</c> is, bit for bit, <c>Backpropagate</c> into a zeroed gradient followed by
/// <c>ApplyGradient</c> (the generated docs promise it). The one implementation of that property: TrainingPropertyTests
/// runs it over random examples for dense and conv networks in both precisions, PathAgreementTests on the scalar path.
/// </summary>
internal static class TrainStepProperty
{
    /// <summary>
    /// Gives both networks <paramref name="parameters"/>, steps one with <c>TrainStep</c> and the other with
    /// Backpropagate + ApplyGradient, and asserts equal losses and parameters to the last bit. Returns whether the step
    /// changed any parameter.
    /// </summary>
    public static bool Holds<TNet, T>(TNet fused, TNet separate, ReadOnlySpan<T> parameters, T[] input, T[] target, T rate)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        parameters.CopyTo(fused.Parameters);
        parameters.CopyTo(separate.Parameters);

        T fusedLoss = fused.TrainStep(input, target, rate);
        var gradient = new T[TNet.ParameterCount];
        T separateLoss = separate.Backpropagate(input, target, gradient);
        separate.ApplyGradient(gradient, rate);

        Assert.Equal(Near.Bits(separateLoss), Near.Bits(fusedLoss));
        Near.AssertBitwiseEqual<T>(separate.Parameters, fused.Parameters, $"{typeof(TNet).Name} parameters after TrainStep");
        return !parameters.SequenceEqual(fused.Parameters);
    }
}

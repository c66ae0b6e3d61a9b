using System.Globalization;
using CompiledNets.Generator.Tests.Infrastructure;

namespace CompiledNets.Generator.Tests.Emitting;

/// <summary>The generated code does not depend on the culture the compiler runs under.</summary>
public sealed class CultureTests
{
    [Theory]
    [InlineData("""
        [Network(Seed = -5)]
        [Input(3)]
        [Dense(2, Activation.Tanh)]
        [Dense(1)]
        """)]
    // Fractional initialization limits (1 / sqrt(27), sqrt(6 / 14)), a leaky ReLU slope and sizes in the thousands,
    // which sv-SE writes with a decimal comma and a non-breaking space.
    [InlineData("""
        [Network(Seed = -5, Loss = Loss.CrossEntropy, Precision = Precision.Double)]
        [Input(3, 40, 40)]
        [Conv2D(4, 3, Activation.LeakyRelu, Padding = 1)]
        [AveragePool2D(2)]
        [Flatten]
        [Dense(1200, Activation.Tanh)]
        [Dense(2, Activation.Softmax)]
        """)]
    public void NegativeSeedAndFractions_UnderSwedishCulture_CompileAndMatchTheInvariantOutput(string attributes)
    {
        string source = $$"""
            using CompiledNets;
            namespace Samples;

            {{attributes}}
            public partial class Seeded;
            """;
        CultureInfo original = CultureInfo.CurrentCulture;
        GeneratorRun swedish;
        try
        {
            // sv-SE writes -5 with U+2212 (the minus sign), which is not C#.
            CultureInfo.CurrentCulture = new CultureInfo("sv-SE");
            Assert.Equal("\u22125", (-5).ToString(CultureInfo.CurrentCulture));
            swedish = GeneratorHarness.Run(source);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }

        using CompiledNet compiled = CompiledNet.Load(swedish);
        Assert.Contains("public const int DeclaredSeed = -5;", swedish.Sources["Samples.Seeded.Network.g.cs"], StringComparison.Ordinal);
        Assert.Equal(GeneratorHarness.Run(source).Sources, swedish.Sources);
    }
}

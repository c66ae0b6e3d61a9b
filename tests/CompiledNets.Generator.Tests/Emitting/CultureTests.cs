using System.Globalization;
using CompiledNets.Generator.Tests.Infrastructure;

namespace CompiledNets.Generator.Tests.Emitting;

/// <summary>The generated code does not depend on the culture the compiler runs under.</summary>
public sealed class CultureTests
{
    [Fact]
    public void NegativeSeed_UnderSwedishCulture_CompilesAndMatchesTheInvariantOutput()
    {
        const string source = """
            using CompiledNets;
            namespace Samples;

            [Network(Seed = -5)]
            [Input(3)]
            [Dense(2, Activation.Tanh)]
            [Dense(1)]
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

using CompiledNets.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Tests.Diagnostics;

/// <summary>
/// CN0022 and CN0112: names that fit the user's code but not the generated code's, where .NET metadata holds a name of
/// at most 1,023 bytes. Before, such a network failed the build with CS7013 in a generated file. At the limits, the
/// network compiles to an assembly and runs.
/// </summary>
public sealed partial class DiagnosticTests
{
    // The generator adds up to 13 characters to a layer's Name ({Name}WeightsOffset, {Name}NeuronsBuffer).
    private const int LongestLayerName = 1023 - 13;

    // "global::CompiledNets.INeuralNetwork<" + full name + ",System.Single>.get_ParameterCount"
    private const int LongestFullName = 1023 - 36 - 34;

    [Theory]
    [InlineData("a", LongestLayerName)]
    [InlineData("é", LongestLayerName / 2)] // 506 characters, but two bytes each in UTF-8: the limit is on bytes
    public void CN0112_LayerNameTooLongForGeneratedMembers_IsReported(string letter, int repeats)
    {
        string name = "L" + string.Concat(Enumerable.Repeat(letter, repeats));
        int bytes = System.Text.Encoding.UTF8.GetByteCount(name);
        Assert.Equal(LongestLayerName + 1, bytes);

        DiagnosticAssert.ReportsOnly($$"""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(3, Activation.Tanh, [|Name = "{{name}}"|])]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0112", DiagnosticSeverity.Error,
            $"Layer name '{name[..40]}…' of network class 'Net' is {bytes} bytes long, and the generator names members after it, " +
            "such as its WeightsOffset constant: those would pass the 1023 bytes .NET metadata allows a name (CS7013). " +
            "Use a name of at most 1010 bytes, e.g. Name = \"Hidden\".");
    }

    [Fact]
    public void CN0112_LayerNamesAtTheLimit_CompileAndRun_ForEveryKindOfLayer()
    {
        string Named(char last) => "L" + new string('a', LongestLayerName - 2) + last;
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compile($$"""
            using CompiledNets;
            namespace Samples;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(1, 6, 6)]
            [Conv2D(2, 3, Activation.Relu, Name = "{{Named('c')}}")]
            [MaxPool2D(2, Name = "{{Named('p')}}")]
            [Flatten(Name = "{{Named('f')}}")]
            [Dense(3, Activation.Tanh, Name = "{{Named('d')}}")]
            [Dense(2, Activation.Softmax, Name = "{{Named('o')}}")]
            public partial class Net;
            """), assertCached: false);

        Assert.Empty(run.GeneratorDiagnostics);
        using CompiledNet compiled = CompiledNet.Load(run);
        float[] prediction = compiled.Create<float>("Samples.Net").Predict(new float[36]);
        Assert.Equal(1f, prediction.Sum(), 1e-6f);
    }

    [Fact]
    public void CN0022_FullNameTooLongForTheExplicitImplementations_IsReported()
    {
        string space = "N" + new string('s', LongestFullName - "Outer.Net".Length - 1); // with its dot, one byte too many
        DiagnosticAssert.ReportsOnly($$"""
            using CompiledNets;
            namespace {{space}};

            public partial class Outer
            {
                [Network]
                [Input(2)]
                [Dense(1)]
                public partial class [|Net|];
            }
            """,
            "CN0022", DiagnosticSeverity.Error,
            $"Network class 'Net' has a full name of {LongestFullName + 1} bytes, and the generated code implements INeuralNetwork " +
            "explicitly, in members whose names spell out that full name: the longest would pass the 1023 bytes .NET metadata " +
            "allows a name (CS7013). Shorten the namespace or the class's name (and those of the types containing it) to a " +
            $"full name of at most {LongestFullName} bytes.");
    }

    [Theory]
    [InlineData(Precision.Single)]
    [InlineData(Precision.Double)]
    public void CN0022_FullNameAtTheLimit_CompilesAndRuns(Precision precision)
    {
        string space = "N" + new string('s', LongestFullName - "Outer.Net".Length - 2);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compile($$"""
            using CompiledNets;
            namespace {{space}};

            internal partial class Outer
            {
                [Network(Precision = Precision.{{precision}})]
                [Input(2)]
                [Dense(1)]
                public partial class Net;
            }
            """), assertCached: false);

        Assert.Empty(run.GeneratorDiagnostics);
        using CompiledNet compiled = CompiledNet.Load(run);
        double prediction = precision == Precision.Single
            ? Assert.Single(compiled.Create<float>(space + ".Outer+Net").Predict([1, 2]))
            : Assert.Single(compiled.Create<double>(space + ".Outer+Net").Predict([1, 2]));
        Assert.True(double.IsFinite(prediction));
    }
}

using CompiledNets.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static CompiledNets.Generator.Tests.Infrastructure.DiagnosticAssert;

namespace CompiledNets.Generator.Tests.Diagnostics;

/// <summary>
/// One test per descriptor: its ID, severity, the exact span (marked [|...|] in the source), the full message,
/// and that nothing is generated for the class.
/// </summary>
public sealed partial class DiagnosticTests
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;

    /// <summary>A network class Net that declares <paramref name="member"/>.</summary>
    private static string NetWithMember(string member) => $$"""
        using CompiledNets;
        namespace Samples;

        [Network]
        [Input(2)]
        [Dense(1)]
        public partial class Net
        {
            {{member}}
        }
        """;

    /// <summary>A network class Net deriving from a class Model of <paramref name="modelMembers"/>; Net marked for ReportsOnly if asked.</summary>
    private static string NetDerivingFromModel(string modelMembers, bool marked = false) => $$"""
        using CompiledNets;
        namespace Samples;

        public class Model
        {
            {{modelMembers}}
        }

        [Network]
        [Input(2)]
        [Dense(1)]
        public partial class {{(marked ? "[|Net|]" : "Net")}} : Model;
        """;

    // ---- CN0001-CN0099: the declaration --------------------------------------------------------------------

    [Fact]
    public void CN0001_NetworkNotPartial_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public class [|Net|];
            """,
            "CN0001", Error,
            "Network class 'Net' must be partial so the generator can add its members. Add the 'partial' modifier to every declaration of the class: 'public partial class Net'.");

    [Fact]
    public void CN0001_OneDeclarationNotPartial_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class [|Net|];

            public class Net { }
            """,
            "CN0001", Error,
            "Network class 'Net' must be partial so the generator can add its members. Add the 'partial' modifier to every declaration of the class: 'public partial class Net'.",
            compilerErrorsExpected: true);

    [Fact]
    public void CN0002_NetworkStatic_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public static partial class [|Net|];
            """,
            "CN0002", Error,
            "Network class 'Net' must not be static: a network is an instance that holds its parameters. Remove the 'static' modifier.");

    [Fact]
    public void CN0003_NetworkGeneric_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class [|Net|]<T>;
            """,
            "CN0003", Error,
            "Network class 'Net' must not be generic: its sizes and element type are fixed by its attributes. Remove the type parameters; declare one network class per configuration.");

    [Fact]
    public void CN0004_NetworkNestedInGeneric_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            public partial class Outer<T>
            {
                [Network]
                [Input(2)]
                [Dense(1)]
                public partial class [|Net|];
            }
            """,
            "CN0004", Error,
            "Network class 'Net' is nested in generic type 'Outer<T>'. Move the network class out of the generic type, to a namespace or a non-generic type.");

    [Theory]
    [InlineData("", "")]
    [InlineData("public partial class Middle {", "}")] // the type that is not partial is further out
    public void CN0005_ContainingTypeNotPartial_IsReported(string middleOpens, string middleCloses)
        => ReportsOnly($$"""
            using CompiledNets;
            namespace Samples;

            public class Outer
            {
                {{middleOpens}}
                [Network]
                [Input(2)]
                [Dense(1)]
                public partial class [|Net|];
                {{middleCloses}}
            }
            """,
            "CN0005", Error,
            "Type 'Outer', which contains network class 'Net', must be partial so the generated code can re-open it. Add the 'partial' modifier to 'Outer', or move the network class out of it.");

    [Theory]
    [InlineData("public void [|Predict|](System.ReadOnlySpan<float> input, System.Span<float> output) { }")] // the generated signature
    [InlineData("public static int [|Predict|](System.ReadOnlySpan<float> x, System.Span<float> y) => 0;")] // still the same signature
    [InlineData("public int [|Predict|] => 0;")] // not a method
    public void CN0006_MemberNamedPredict_IsReported(string member)
        => ReportsOnly(NetWithMember(member),
            "CN0006", Error,
            "Network class 'Net' declares 'Predict', which the generator also defines. Rename the member, or give the layer a different Name, so the generated member can be added.");

    [Fact]
    public void CN0006_PrivateGeneratedMethodName_IsReportedWhateverItsParameters()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net
            {
                private void [|ForwardPass|](int step) { }
            }
            """,
            "CN0006", Error,
            "Network class 'Net' declares 'ForwardPass', which the generator also defines. Rename the member, or give the layer a different Name, so the generated member can be added.");

    [Fact]
    public void CN0006_OverloadsOfThePublicMethods_AreAllowed_AndTheGeneratedCodeStillCallsItsOwn()
    {
        // Conveniences a user writes beside the generated methods: other parameter types, so overloads, not collisions.
        GeneratorRun run = GeneratorHarness.Run("""
            using CompiledNets;
            namespace Samples;

            [Network(Seed = 3)]
            [Input(2)]
            [Dense(1)]
            public partial class Net
            {
                /// <summary>A new array with the prediction.</summary>
                public float[] Predict(float[] input)
                {
                    var output = new float[OutputSize];
                    Predict(input, output);
                    return output;
                }

                /// <summary>Not what the generated constructor may call.</summary>
                public void InitializeParameters(long seed) => throw new System.InvalidOperationException("not the generated one");

                /// <summary>A step at a fixed learning rate.</summary>
                public void TrainStep(float[] input, float[] target) => TrainStep(input, target, 0.1f);
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(4, run.Sources.Count);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(run.OutputDiagnostics,
            d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true);
        // The generated constructor calls InitializeParameters(DeclaredSeed), an int: the generated overload, not the
        // user's, which would throw.
        using CompiledNet compiled = CompiledNet.Load(run);
        object network = Activator.CreateInstance(compiled.Type("Samples.Net"))!;
        var prediction = (float[])compiled.Type("Samples.Net").GetMethod("Predict", [typeof(float[])])!.Invoke(network, [new[] { 1f, 2f }])!;
        Assert.Single(prediction);
    }

    [Fact]
    public void CN0006_MemberNamedLayer1Weights_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net
            {
                public int[] [|Layer1Weights|] = [];
            }
            """,
            "CN0006", Error,
            "Network class 'Net' declares 'Layer1Weights', which the generator also defines. Rename the member, or give the layer a different Name, so the generated member can be added.");

    [Fact]
    public void CN0006_MemberNamedLikeANamedLayer_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1, Name = "Output")]
            public partial class Net
            {
                private double [|OutputBiases|];
            }
            """,
            "CN0006", Error,
            "Network class 'Net' declares 'OutputBiases', which the generator also defines. Rename the member, or give the layer a different Name, so the generated member can be added.");

    [Fact]
    public void CN0006_TileMemberName_OnNetworkWithoutTiles_IsAllowed()
    {
        // Every layer is unrolled, so no batch tiles are generated and the name is the user's to take.
        GeneratorRun run = GeneratorHarness.Run("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net
            {
                public const int BatchTile = 7;
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(4, run.Sources.Count);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void CN0006_TileMemberName_OnNetworkWithTiles_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network(UnrollLimit = 0)]
            [Input(2)]
            [Dense(1)]
            public partial class Net
            {
                public const int [|BatchTile|] = 7;
            }
            """,
            "CN0006", Error,
            "Network class 'Net' declares 'BatchTile', which the generator also defines. Rename the member, or give the layer a different Name, so the generated member can be added.");

    [Theory]
    [InlineData("public")]
    [InlineData("private")]
    public void CN0008_ParameterlessConstructor_IsReported(string access)
        => ReportsOnly($$"""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net
            {
                {{access}} [|Net|]() { }
            }
            """,
            "CN0008", Error,
            "Network class 'Net' declares a parameterless constructor, but the generator writes one that initializes the parameters from Seed. Remove it, and call InitializeParameters(seed) or set Parameters where you need other starting values.");

    [Fact]
    public void CN0008_ConstructorWithParameters_IsAllowed()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net
            {
                public Net(int seed) => InitializeParameters(seed);
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(4, run.Sources.Count);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void CN0007_NetworkIsRecord_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial record [|Net|];
            """,
            "CN0007", Error,
            "Network 'Net' is a record; declare it as a 'partial class'. Records add members (equality, cloning) that do not fit a network with inline parameters; use 'partial class'.");

    // ---- CN0100-CN0199: layers and shapes -------------------------------------------------------------------

    [Fact]
    public void CN0009_PrimaryConstructor_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Tagged[|(string tag)|]
            {
                public string Tag => tag;
            }
            """,
            "CN0009", Error,
            "Network class 'Tagged' has a primary constructor, but the generator writes the parameterless constructor that initializes the parameters from Seed, and every other constructor would have to call yours. Turn the parameters into fields or properties, or hold the network in a class of your own.");

    [Fact]
    public void CN0009_EmptyPrimaryConstructor_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Tagged[|()|];
            """,
            "CN0009", Error,
            "Network class 'Tagged' has a primary constructor, but the generator writes the parameterless constructor that initializes the parameters from Seed, and every other constructor would have to call yours. Turn the parameters into fields or properties, or hold the network in a class of your own.");

    [Theory]
    [InlineData("public required string [|Label|] { get; init; }")]
    [InlineData("public required string [|Label|];")]
    public void CN0010_RequiredMember_IsReported(string member)
        => ReportsOnly(NetWithMember(member),
            "CN0010", Error,
            "Network class 'Net' declares required member 'Label', but the runtime creates networks with 'new Net()' (training replicas, loading weights), which cannot set it. Remove 'required' and give 'Label' a default value.");

    [Fact]
    public void CN0010_RequiredMemberOfABaseClass_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            public class Labelled
            {
                public required string [|Label|] { get; init; }
            }

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net : Labelled;
            """,
            "CN0010", Error,
            "Network class 'Net' declares required member 'Label', but the runtime creates networks with 'new Net()' (training replicas, loading weights), which cannot set it. Remove 'required' and give 'Label' a default value.");

    [Fact]
    public void CN0011_AbstractClass_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public abstract partial class [|Net|];
            """,
            "CN0011", Error,
            "Network class 'Net' is abstract, but the generated code creates it with 'new Net()'. Remove the 'abstract' modifier.");

    [Theory]
    [InlineData("public Model(string name) { }")]
    [InlineData("private Model() { } protected Model(int size) { }")] // the parameterless one is out of reach
    public void CN0012_BaseClassWithoutParameterlessConstructor_IsReported(string constructors)
        => ReportsOnly(NetDerivingFromModel(constructors, marked: true),
            "CN0012", Error,
            "Network class 'Net' derives from 'Model', which has no parameterless constructor the generated constructor can call. Give 'Model' an accessible parameterless constructor, or do not derive from it.",
            compilerErrorsExpected: true);

    [Theory]
    [InlineData("public Model(int size = 1) { } public Model(string name = \"\") { }", "'Model(int)' and 'Model(string)'")]
    [InlineData("protected Model(params int[] sizes) { } protected Model(params string[] names) { }",
        "'Model(params int[])' and 'Model(params string[])'")]
    public void CN0018_BaseConstructorsThatTieWithoutArguments_IsReported(string constructors, string pair)
        // Before, the generated constructor's implicit base() call failed in the generated file (CS0121).
        => ReportsOnly(NetDerivingFromModel(constructors, marked: true),
            "CN0018", Error,
            $"Network class 'Net' derives from 'Model', whose constructors {pair} can each be called without arguments, so the generated constructor's call to one of them would be ambiguous. Give 'Model' a constructor that takes no parameters, or do not derive from it.",
            compilerErrorsExpected: true);

    [Theory]
    [InlineData("public Model() { } public Model(int size = 1) { }")] // no parameters wins
    [InlineData("public Model(int size = 1) { } public Model(params string[] names) { }")] // the normal form wins
    [InlineData("public Model(int size = 1) { } private Model(string name = \"\") { }")] // the private one is out of reach
    public void CN0018_BaseConstructorsWithOneBestFit_AreAllowed(string constructors)
    {
        GeneratorRun run = GeneratorHarness.Run(NetDerivingFromModel(constructors));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(4, run.Sources.Count);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Theory]
    [InlineData("Missing", "", "CS0246")] // no such type
    [InlineData("Net", "", "CS0146")] // itself
    [InlineData("Model", "public class Model : Net;", "CS0146")] // a cycle through another class
    [InlineData("Model", "public static class Model;", "CS0709")] // a static class
    public void CN0012_ABaseTheCompilerRefuses_IsLeftToTheCompilersError(string baseClass, string more, string compilerError)
    {
        // Before, CN0012 said the unbound base "has no parameterless constructor", on top of the compiler's own error.
        // The network still generates, so code that uses its members adds no errors of its own.
        GeneratorRun run = GeneratorHarness.Run($$"""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net : {{baseClass}};

            {{more}}

            public static class Use
            {
                public static void Predict(Net network) => network.Predict([1f, 2f], new float[1]);
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(4, run.Sources.Count);
        Assert.All(run.OutputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error), d => Assert.Equal(compilerError, d.Id));
        Assert.Contains(run.OutputDiagnostics, d => d.Id == compilerError);
    }

    [Theory]
    [InlineData("string name = \"net\"")]
    [InlineData("params string[] tags")]
    public void CN0012_BaseClassCallableWithoutArguments_IsAllowed(string parameters)
    {
        GeneratorRun run = GeneratorHarness.Run(NetDerivingFromModel($"protected Model({parameters}) {{ }}"));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Theory]
    [InlineData("Predict", "")]
    [InlineData("Parameters", "")]
    [InlineData("InputSize", "")]
    [InlineData("HiddenWeights", ", Name = \"Hidden\"")]
    public void CN0013_ClassNamedLikeAGeneratedMember_IsReported(string className, string layerName)
        => ReportsOnly($$"""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1{{layerName}})]
            public partial class [|{{className}}|];
            """,
            "CN0013", Error,
            $"Network class '{className}' has the name of a member the generator writes into it, and a member cannot have the name of its class. Rename the class, or give the layer whose member it names a different Name.");

    [Fact]
    public void CN0014_LanguageVersionBelow12_IsReported()
    {
        MarkedSource source = MarkedSource.Parse("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class [|Net|] { }
            """);
        var options = GeneratorHarness.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp11);
        Compilation compilation = GeneratorHarness.Compile().AddSyntaxTrees(
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source.Source, options, "Source0.cs"));

        GeneratorRun run = GeneratorHarness.Run(compilation);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CN0014", diagnostic.Id);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.Equal(
            "Network class 'Net' needs C# 12 or later (the generated code keeps the parameters in inline arrays), but this project compiles C# 11.0. Set <LangVersion>12</LangVersion> or later in the project file, or remove LangVersion to get the default of .NET 8 and later.",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void CN0015_FileLocalClass_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            file partial class [|Net|];
            """,
            "CN0015", Error,
            "Network class 'Net' is declared 'file', so the generated code, which lives in files of its own, cannot add to it. Remove the 'file' modifier; make the class internal to keep it out of other assemblies.");

    [Theory]
    [InlineData("file partial class Outer", "", "Outer")]
    [InlineData("file partial class Outer", "public partial class Inner", "Outer")] // however far out
    public void CN0019_FileLocalContainingType_IsReported(string outer, string inner, string outerName)
        // Before, the generated 'partial class Outer' declared a second type of that name in its own file, and the
        // user's network got none of its members.
        => ReportsOnly($$"""
            using CompiledNets;
            namespace Samples;

            {{outer}}
            {
                {{(inner.Length == 0 ? "" : inner + " {")}}
                [Network]
                [Input(2)]
                [Dense(1)]
                public partial class [|Net|];
                {{(inner.Length == 0 ? "" : "}")}}
            }
            """,
            "CN0019", Error,
            $"Type '{outerName}', which contains network class 'Net', is declared 'file', so the generated code, which lives in files of its own, cannot re-open it. Remove the 'file' modifier from '{outerName}'; make it internal to keep it out of other assemblies.");

    [Theory]
    [InlineData("System.Runtime.InteropServices.LayoutKind.Explicit")]
    [InlineData("(short)2")] // the attribute's other constructor
    public void CN0020_ExplicitLayout_IsReported(string kind)
        // Before, the generated fields failed in the generated file (CS0625: no FieldOffset).
        => ReportsOnly($$"""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            [System.Runtime.InteropServices.StructLayout({{kind}})]
            public partial class [|Net|];
            """,
            "CN0020", Error,
            "Network class 'Net' has [StructLayout(LayoutKind.Explicit)], but the generator adds fields without [FieldOffset] (the parameters' storage). Remove the attribute, or use LayoutKind.Sequential.");

    [Fact]
    public void CN0020_SequentialLayout_IsAllowed()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
            public partial class Net;
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(4, run.Sources.Count);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Theory]
    [InlineData("[Network][Input(2)][Dense(1)] public partial class [|System|];")]
    [InlineData("public partial class System { [Network][Input(2)][Dense(1)] public partial class [|Net|]; }")]
    [InlineData("public class System; namespace Samples { [Network][Input(2)][Dense(1)] public partial class [|Net|]; }")]
    [InlineData("public enum System { On } namespace Samples { [Network][Input(2)][Dense(1)] public partial class [|Net|]; }")]
    public void CN0021_GlobalTypeNamedSystem_IsReported(string declarations)
        // Before, every global::System.Span<T> in the generated files bound to the type: ~200 errors there (CS0426, CS0437).
        => ReportsOnly($$"""
            using CompiledNets;

            {{declarations}}
            """,
            "CN0021", Error,
            $"A type named 'System' in the global namespace hides namespace System from the code generated for network class '{MarkedName(declarations)}': there, global::System.Span would name a member of that type. Move the type 'System' into a namespace, or rename it.");

    private static string MarkedName(string marked)
    {
        int start = marked.IndexOf("[|", StringComparison.Ordinal) + 2;
        return marked.Substring(start, marked.IndexOf("|]", StringComparison.Ordinal) - start);
    }

    [Fact]
    public void CN0021_TypeNamedSystemInANamespace_IsAllowed()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using CompiledNets;
            namespace Samples;

            public class System;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net;
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(4, run.Sources.Count);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Theory]
    [InlineData("Base", "")]
    [InlineData("Middle", "public class Middle : Base;")] // found however far up the chain the network is
    public void CN0016_NetworkDerivedFromANetwork_IsReported(string baseClass, string middle)
    {
        // The base network generates as usual; only the derived one is refused.
        MarkedSource source = MarkedSource.Parse($$"""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Base;

            {{middle}}

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class [|Derived|] : {{baseClass}};
            """);

        GeneratorRun run = GeneratorHarness.Run(source.Source);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CN0016", diagnostic.Id);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.Equal(
            "Network class 'Derived' derives from network class 'Base': both would have their own parameters and members of the same names. Derive 'Derived' from something else, or declare the layers you want on 'Derived' alone.",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4, run.Sources.Count);
        Assert.All(run.Sources.Keys, hint => Assert.StartsWith("Samples.Base.", hint));
    }

    [Theory]
    [InlineData("Model", "", "public void Predict(System.ReadOnlySpan<float> input, System.Span<float> output) { }", "Predict")]
    [InlineData("Model", "", "protected float[] Parameters = [];", "Parameters")] // a field hides whatever its name
    [InlineData("Model", "", "internal static int InputSize => 2;", "InputSize")] // internal, in the same assembly
    [InlineData("Model", "", "protected struct Scratch;", "Scratch")] // a private generated member hides it too
    [InlineData("Model", "", "public int TrainStep;", "TrainStep")] // a generated method hides a field of its name
    [InlineData("Model", "", "protected static void ThrowIfWrongLength(int a, int b, string? c) { }", "ThrowIfWrongLength")]
    [InlineData("Middle", "public class Middle : Model;", "public void ApplyGradient(System.ReadOnlySpan<float> g, float s) { }",
        "ApplyGradient")] // found however far up the chain
    public void CN0017_InheritedMemberTheGeneratedCodeWouldHide_IsReported(string baseClass, string middle, string member, string name)
        => ReportsOnly($$"""
            using CompiledNets;
            namespace Samples;

            public class Model
            {
                {{member}}
            }

            {{middle}}

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net : [|{{baseClass}}|];
            """,
            "CN0017", Error,
            $"Network class 'Net' inherits '{name}' from 'Model', and the generator defines a '{name}' that would hide it. Rename '{name}' in 'Model', or do not derive 'Net' from 'Model'.");

    [Fact]
    public void CN0017_AnAbstractMemberTheGeneratedOneWouldHide_IsReported()
        // Hidden, not overridden: the class would still have the abstract member to implement (CS0534).
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            public abstract class Model
            {
                public abstract float ComputeLoss(System.ReadOnlySpan<float> input, System.ReadOnlySpan<float> target);
            }

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net : [|Model|];
            """,
            "CN0017", Error,
            "Network class 'Net' inherits 'ComputeLoss' from 'Model', and the generator defines a 'ComputeLoss' that would hide it. Rename 'ComputeLoss' in 'Model', or do not derive 'Net' from 'Model'.",
            compilerErrorsExpected: true);

    [Theory]
    [InlineData("public float[] Predict(float[] input) => input;")] // other parameter types: an overload
    [InlineData("public void Predict<T>(System.ReadOnlySpan<float> input, System.Span<float> output) { }")] // generic: an overload
    [InlineData("public void Predict(in System.ReadOnlySpan<float> input, System.Span<float> output) { }")] // 'in': an overload
    [InlineData("public void Predict(System.ReadOnlySpan<double> input, System.Span<double> output) { }")] // a double network's
    [InlineData("public void Predict(System.ReadOnlySpan<float> input, System.Span<float> output, __arglist) { }")] // varargs: an overload
    [InlineData("protected void ForwardPass(int step) { }")] // the generated one takes its own Scratch
    [InlineData("private int Parameters;")] // out of the derived class's sight
    [InlineData("public override string ToString() => \"model\";")]
    public void CN0017_InheritedMemberTheGeneratedCodeLeavesVisible_IsAllowed(string member)
    {
        GeneratorRun run = GeneratorHarness.Run(NetDerivingFromModel(member));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(4, run.Sources.Count);
        // Not even the compiler's warning that a member hides another (CS0108) in the generated code.
        Assert.DoesNotContain(run.OutputDiagnostics,
            d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void CN0100_InputMissing_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Dense(1)]
            public partial class [|Net|];
            """,
            "CN0100", Error,
            "Network class 'Net' has no [Input] attribute. Add [Input(size)] before the layers, e.g. [Input(784)].");

    [Fact]
    public void CN0101_InputTwice_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [[|Input(3)|]]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0101", Error,
            "Network class 'Net' has more than one [Input] attribute. Keep one [Input(size)]: a network takes one input vector.");

    [Fact]
    public void CN0102_InputAfterLayer_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Dense(1)]
            [[|Input(2)|]]
            public partial class Net;
            """,
            "CN0102", Error,
            "[Input] must come before the layers of network class 'Net'. Move [Input(size)] above the first layer attribute: layers apply in the order they are written.");

    [Fact]
    public void CN0103_NoLayers_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            public partial class [|Net|];
            """,
            "CN0103", Error,
            "Network class 'Net' has no layers. Add at least one layer, e.g. [Dense(10, Activation.Softmax)].");

    [Fact]
    public void CN0104_InputSizeZero_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input([|0|])]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0104", Error,
            "Input size of network class 'Net' must be positive, but is 0. Use a size of 1 or more.");

    [Theory]
    [InlineData(-3)]
    [InlineData(0)]
    public void CN0104_UnitsNotPositive_IsReported(int units)
        => ReportsOnly($$"""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense([|{{units}}|], Activation.Tanh, Name = "Hidden")]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0104", Error,
            $"Units of layer 'Hidden' of network class 'Net' must be positive, but is {units}. Use a size of 1 or more.");

    [Theory]
    [InlineData("[|units: -3|], activation: Activation.Tanh")]
    [InlineData("activation: Activation.Tanh, [|units: -3|]")] // before, the diagnostic marked the activation
    public void CN0104_UnitsNotPositive_IsReportedOnTheArgumentNamedUnits(string arguments)
        => ReportsOnly($$"""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense({{arguments}}, Name = "Hidden")]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0104", Error,
            "Units of layer 'Hidden' of network class 'Net' must be positive, but is -3. Use a size of 1 or more.");

    [Fact]
    public void CN0104_ImageSizeNotPositive_IsReportedOnTheArgumentNamedForIt()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input([|height: 0|], width: 28, channels: 1)] // before, the diagnostic marked the width
            [Flatten]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0104", Error,
            "Input height of network class 'Net' must be positive, but is 0. Use a size of 1 or more.");

    [Fact]
    public void CN0105_SoftmaxOnHiddenLayer_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(4)]
            [Dense(3, [|Activation.Softmax|])]
            [Dense(2, Activation.Softmax)]
            public partial class Net;
            """,
            "CN0105", Error,
            "Layer 'Layer1' of network class 'Net' uses Softmax, which is only supported on the output layer. Use Tanh, Relu, Sigmoid, LeakyRelu or Linear for hidden layers; Softmax belongs on the last layer with Loss.CrossEntropy.");

    [Fact]
    public void CN0106_NetworkTooLarge_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network(Precision = Precision.Double)]
            [Input(100000)]
            [Dense(200)]
            public partial class [|Net|];
            """,
            "CN0106", Error,
            "Network class 'Net' has 20000200 parameters (160001600 bytes); inline storage holds at most 67108864 bytes. Parameters live inside the instance in fixed-size storage, which .NET limits in size. Use smaller layers, Precision.Single instead of Double, or split the model into several networks.");

    [Fact]
    public void CN0106_SizesWhoseProductOverflows_AreReported_WithTheExactCount()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(int.MaxValue)]
            [Dense(int.MaxValue)]
            public partial class [|Net|];
            """,
            "CN0106", Error,
            "Network class 'Net' has 4611686016279904256 parameters (18446744065119617024 bytes); inline storage holds at most 67108864 bytes. Parameters live inside the instance in fixed-size storage, which .NET limits in size. Use smaller layers, Precision.Single instead of Double, or split the model into several networks.");

    [Fact]
    public void CN0111_AnExampleWhoseValuesOutgrowAnObject_IsReported()
        // Outputs and deltas of the pooled 1x4096x2048 image, of its flattened copy and of the one output, and the example's
        // loss, in float: (2 * 8388608 + 2 * 8388608 + 2 + 1) * 4 bytes. Tiles shrink to one example before this is reported.
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(1, 8192, 4096)]
            [MaxPool2D(2)]
            [Flatten]
            [Dense(1)]
            public partial class [|Net|];
            """,
            "CN0111", Error,
            "Network class 'Net' needs 134217740 bytes of working memory for one example (every layer's outputs and deltas), more than the 67108864 bytes one .NET object can hold. Use narrower layers, or Precision.Single instead of Double.");

    [Fact]
    public void CN0106_JustBelowTheLimit_IsNotReported()
    {
        // 64 MiB of float parameters exactly: 16777216 = 4096 * 4096 weights, no bias.
        GeneratorRun run = GeneratorHarness.Run("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(4096)]
            [Dense(4096, Bias = false)]
            public partial class Net;
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(4, run.Sources.Count);
    }

    [Fact]
    public void CN0107_UndefinedActivation_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(3, [|(Activation)42|])]
            public partial class Net;
            """,
            "CN0107", Error,
            "Activation value 42 on network class 'Net' is not a defined Activation. Use one of its members: Activation.Linear, Activation.Sigmoid, " +
            "Activation.Tanh, Activation.Relu, Activation.LeakyRelu, Activation.Softmax.");

    [Fact]
    public void CN0107_UndefinedLoss_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network([|Loss = (Loss)9|])]
            [Input(2)]
            [Dense(3)]
            public partial class Net;
            """,
            "CN0107", Error,
            "Loss value 9 on network class 'Net' is not a defined Loss. Use one of its members: Loss.SquaredError, Loss.HalfSquaredError, " +
            "Loss.MeanSquaredError, Loss.CrossEntropy, Loss.BinaryCrossEntropy.");

    [Fact]
    public void CN0107_UndefinedPrecision_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network([|Precision = (Precision)2|])]
            [Input(2)]
            [Dense(3)]
            public partial class Net;
            """,
            "CN0107", Error,
            "Precision value 2 on network class 'Net' is not a defined Precision. Use one of its members: Precision.Single, Precision.Double.");

    [Fact]
    public void CN0108_LayerNameNotAnIdentifier_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(3, [|Name = "1st layer"|])]
            public partial class Net;
            """,
            "CN0108", Error,
            "Layer name '1st layer' of network class 'Net' is not a valid C# identifier. Use a name made of letters, digits and underscores that starts with a letter, e.g. Name = \"Hidden\".");

    [Fact]
    public void CN0109_LayerNameTwice_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(3, Activation.Tanh, Name = "Hidden")]
            [Dense(3, Activation.Tanh, [|Name = "Hidden"|])]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0109", Error,
            "Layer name 'Hidden' is used by more than one layer of network class 'Net'. Give each layer its own Name, or leave Name out to get the default names Layer1, Layer2 and so on.");

    [Fact]
    public void CN0109_NameClashesWithDefaultName_IsReportedOnTheLayer()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(3, Name = "Layer2")]
            [[|Dense(1)|]]
            public partial class Net;
            """,
            "CN0109", Error,
            "Layer name 'Layer2' is used by more than one layer of network class 'Net'. " +
            "Layer 2 has no Name, so it gets the default name 'Layer2', which is layer 1's Name: name layer 2, or rename layer 1.");

    [Fact]
    public void CN0109_NameTakesAnEarlierLayersDefaultName_SaysWhichLayerHasItByDefault()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(3)]
            [Dense(3, [|Name = "Layer1"|])]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0109", Error,
            "Layer name 'Layer1' is used by more than one layer of network class 'Net'. " +
            "Layer 1 has no Name, so it gets the default name 'Layer1', which is also layer 2's Name: rename layer 2, or give layer 1 a Name.");

    [Theory]
    [InlineData("")]
    [InlineData("[Dense(1)]\npublic partial class Net;")] // a third declaration: still reported once, at the first stray attribute
    public void CN0110_LayersOnSeveralPartialDeclarations_IsReported(string third)
        => ReportsOnly($$"""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(3, Activation.Tanh)]
            public partial class Net;

            [[|Dense(2)|]]
            public partial class Net;

            {{third}}
            """,
            "CN0110", Error,
            "The [Input] and layer attributes of network class 'Net' are spread over more than one partial declaration, so their order would follow the order of the files. Put [Input] and every layer attribute on one declaration of 'Net'.");

    [Fact]
    public void CN0110_InputOnALaterDeclarationThanTheLayers_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Dense(3, Activation.Tanh)]
            public partial class Net;

            [[|Input(2)|]]
            public partial class Net;
            """,
            "CN0110", Error, // alone: CN0102's "move [Input] above the first layer" came first, and misled
            "The [Input] and layer attributes of network class 'Net' are spread over more than one partial declaration, so their order would follow the order of the files. Put [Input] and every layer attribute on one declaration of 'Net'.");

    // ---- CN0200-CN0299: loss and training --------------------------------------------------------------------

    [Fact]
    public void CN0200_SoftmaxWithoutCrossEntropy_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network([|Loss = Loss.SquaredError|])]
            [Input(4)]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """,
            "CN0200", Error,
            "Network class 'Net' has a Softmax output layer but Loss.SquaredError. Set Loss = Loss.CrossEntropy on [Network]; softmax and cross-entropy together have the simple, stable gradient p - t.");

    [Fact]
    public void CN0200_SoftmaxWithDefaultLoss_IsReportedOnTheNetworkAttribute()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [[|Network|]]
            [Input(4)]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """,
            "CN0200", Error,
            "Network class 'Net' has a Softmax output layer but Loss.MeanSquaredError. Set Loss = Loss.CrossEntropy on [Network]; softmax and cross-entropy together have the simple, stable gradient p - t.");

    [Fact]
    public void CN0201_CrossEntropyWithoutSoftmax_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network([|Loss = Loss.CrossEntropy|])]
            [Input(4)]
            [Dense(3, Activation.Sigmoid)]
            public partial class Net;
            """,
            "CN0201", Error,
            "Network class 'Net' uses Loss.CrossEntropy but its output layer uses Sigmoid. Make the last layer Activation.Softmax, or use Loss.BinaryCrossEntropy with Sigmoid outputs for independent yes/no outputs.");

    [Theory]
    [InlineData("Tanh")]
    [InlineData("Linear")]
    [InlineData("Relu")]
    public void CN0202_BinaryCrossEntropyWithoutSigmoid_IsReported(string activation)
        => ReportsOnly($$"""
            using CompiledNets;
            namespace Samples;

            [Network([|Loss = Loss.BinaryCrossEntropy|])]
            [Input(4)]
            [Dense(3, Activation.{{activation}})]
            public partial class Net;
            """,
            "CN0202", Error,
            $"Network class 'Net' uses Loss.BinaryCrossEntropy but its output layer uses {activation}. Make the last layer Activation.Sigmoid, whose outputs lie in (0, 1) as the loss requires.");

    [Fact]
    public void CN0203_NegativeUnrollLimit_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network([|UnrollLimit = -1|])]
            [Input(2)]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0203", Error,
            "UnrollLimit of network class 'Net' is -1; it must be 0 or more. Use 0 to emit every layer as loops, or a weight count such as 32 up to which layers are fully unrolled.");

    [Fact]
    public void CN0204_UnrollLimitAboveTheMaximum_IsReported()
    {
        GeneratorRun run = WarnsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network([|UnrollLimit = 1000000|])]
            [Input(128)]
            [Dense(64, Activation.Tanh)]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0204",
            "UnrollLimit of network class 'Net' is 1000000, above 256, the most the generator writes out statement by statement: a larger layer would give methods too large for the JIT to optimize and slow builds. Layers above 256 weights are written as kernel calls; lower UnrollLimit to 256 or less to silence this.");

        // The 128 x 64 layer (8192 weights) goes through the kernels, the 64 x 1 layer is written out.
        string forward = run.Sources["Samples.Net.Forward.g.cs"];
        Assert.Contains("DenseKernels.MatrixTimesVector<Layer1Shape, float>(_parameters.W1", forward);
        Assert.Contains("Dense 64 -> 1, linear, unrolled", forward);
    }

    [Fact]
    public void CN0205_SoftmaxOverOneOutput_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(4)]
            [Dense(8, Activation.Relu)]
            [Dense(1, [|Activation.Softmax|])]
            public partial class Net;
            """,
            "CN0205", Error,
            "Layer 'Layer2' of network class 'Net' is a softmax over one output, which is 1 for every input, so the network cannot learn. " +
            "For a yes/no output use [Dense(1, Activation.Sigmoid)] with Loss = Loss.BinaryCrossEntropy; for classes, give the layer one output per class.");

    [Fact]
    public void CN0206_NoTrainableParameters_IsReported()
    {
        // A warning: the network is still generated, and predicts (a fixed transform, here 2 x 2 max pooling).
        GeneratorRun run = WarnsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(1, 4, 4)]
            [MaxPool2D(2)]
            [Flatten]
            public partial class [|Net|];
            """,
            "CN0206",
            "Network class 'Net' has no trainable parameters: Flatten and pooling layers have no weights, so training cannot change what it predicts. " +
            "Add a Dense or Conv2D layer to learn from data, or ignore this if the network is meant as a fixed transform.");

        using CompiledNet compiled = CompiledNet.Load(run, ["CN0206"]);
        INetwork<float> network = compiled.Create<float>("Samples.Net");
        Assert.Equal(0, network.ParameterCount);
        Assert.Equal([5f, 7f, 13f, 15f], network.Predict(Enumerable.Range(0, 16).Select(i => (float)i).ToArray()));
    }

    // ---- all descriptors --------------------------------------------------------------------------------------

    [Fact]
    public void EveryDescriptor_HasATest_AndFollowsTheConventions()
    {
        DiagnosticDescriptor[] descriptors = RepositoryFiles.Descriptors();
        string[] tested = typeof(DiagnosticTests).GetMethods()
            .Select(method => method.Name)
            .Where(name => name.StartsWith("CN", StringComparison.Ordinal) && name.EndsWith("_IsReported", StringComparison.Ordinal))
            .Select(name => name[..6])
            .ToArray();

        Assert.Equal(descriptors.Length, descriptors.Select(d => d.Id).Distinct().Count());
        Assert.All(descriptors, descriptor =>
        {
            Assert.Contains(descriptor.Id, tested);
            Assert.Matches("^CN[0-9]{4}$", descriptor.Id);
            Assert.Equal("CompiledNets", descriptor.Category);
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
        });
    }
}

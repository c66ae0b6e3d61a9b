using System.Numerics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CompiledNets.Generator.Tests.Infrastructure;

/// <summary>
/// The output of a generator run compiled to an assembly (no errors, no warnings at warning level 9999) and loaded
/// into a collectible context, unloaded on dispose. The runtime assembly resolves to the test's own copy, so the
/// loaded networks implement the same <see cref="INeuralNetwork{TSelf, T}"/> the tests call.
/// </summary>
internal sealed class CompiledNet : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private CompiledNet(AssemblyLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    /// <summary>
    /// Warnings the generator is known to produce, suppressed here so the other checks still run; each has a skipped
    /// test that fails while the bug is there (see CompileAndRunTests.GeneratedDocs_AreComplete).
    /// </summary>
    public static readonly IReadOnlyList<string> KnownGeneratorWarnings = [];

    /// <summary>Compiles the run's output; fails on any error or warning except <paramref name="tolerated"/> (default: the known ones).</summary>
    public static CompiledNet Load(GeneratorRun run, IReadOnlyList<string>? tolerated = null)
    {
        var options = ((CSharpCompilationOptions)run.Output.Options)
            .WithWarningLevel(9999)
            .WithSpecificDiagnosticOptions((tolerated ?? KnownGeneratorWarnings).Select(id => KeyValuePair.Create(id, ReportDiagnostic.Suppress)));
        Compilation compilation = run.Output.WithOptions(options);
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(image);
        Diagnostic[] problems = result.Diagnostics
            .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning || diagnostic.IsWarningAsError)
            .ToArray();
        if (!result.Success || problems.Length > 0)
            Assert.Fail(Describe(compilation, problems.Length > 0 ? problems : result.Diagnostics.ToArray()));

        var context = new AssemblyLoadContext("CompiledNets.Generator.Tests.CompiledNet", isCollectible: true);
        image.Position = 0;
        return new CompiledNet(context, context.LoadFromStream(image));
    }

    /// <summary>The diagnostics, then every source with line numbers.</summary>
    public static string Describe(Compilation compilation, IEnumerable<Diagnostic> diagnostics)
    {
        var text = new StringBuilder("The generated code does not compile cleanly:\n");
        foreach (Diagnostic diagnostic in diagnostics)
            text.Append("  ").Append(diagnostic).Append('\n');
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
            text.Append("\n==== ").Append(tree.FilePath).Append('\n').Append(Snapshot.NumberLines(tree.ToString()));
        return text.ToString();
    }

    public Type Type(string metadataName)
        => Assembly.GetType(metadataName, throwOnError: true)!;

    /// <summary>A new instance of the network class, driven through its <see cref="INeuralNetwork{TSelf, T}"/> implementation.</summary>
    public INetwork<T> Create<T>(string metadataName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Type handle = typeof(Network<,>).MakeGenericType(Type(metadataName), typeof(T));
        return (INetwork<T>)Activator.CreateInstance(handle)!;
    }

    /// <summary><paramref name="instance"/>, an instance of the network class made elsewhere (e.g. CreatePretrained), driven as <see cref="Create{T}"/>'s are.</summary>
    public INetwork<T> Wrap<T>(string metadataName, object instance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Type handle = typeof(Network<,>).MakeGenericType(Type(metadataName), typeof(T));
        return (INetwork<T>)Activator.CreateInstance(handle, instance)!;
    }

    public void Dispose() => _context.Unload();
}

/// <summary>A loaded network, with arrays instead of spans so tests can call it without knowing its type.</summary>
internal interface INetwork<T>
{
    object Instance { get; }

    int InputSize { get; }

    int OutputSize { get; }

    int ParameterCount { get; }

    Loss Loss { get; }

    string Architecture { get; }

    T[] Parameters { get; set; }

    T[] Predict(T[] input);

    T ComputeLoss(T[] input, T[] target);

    T Backpropagate(T[] input, T[] target, T[] gradient);

    /// <summary>PredictBatch over examples stored one after another; returns their outputs the same way.</summary>
    T[] PredictBatch(T[] inputs);

    /// <summary>ComputeLossBatch: each example's loss, and the predictions stored one after another.</summary>
    (T[] Losses, T[] Outputs) ComputeLossBatch(T[] inputs, T[] targets);

    T BackpropagateBatch(T[] inputs, T[] targets, T[] gradient);

    void ApplyGradient(T[] gradient, T scale);

    T TrainStep(T[] input, T[] target, T learningRate);

    /// <summary>NetworkWeights.SaveText: the weights file in the text form that [Network(Weights = ...)] bakes.</summary>
    void SaveText(string path);
}

internal sealed class Network<TNet, T> : INetwork<T>
    where TNet : class, INeuralNetwork<TNet, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TNet _network;

    public Network() => _network = TNet.Create();

    public Network(object network) => _network = (TNet)network;

    public object Instance => _network;

    public int InputSize => TNet.InputSize;

    public int OutputSize => TNet.OutputSize;

    public int ParameterCount => TNet.ParameterCount;

    public Loss Loss => TNet.Loss;

    public string Architecture => TNet.Architecture;

    public T[] Parameters
    {
        get => _network.Parameters.ToArray();
        set => value.CopyTo(_network.Parameters);
    }

    public T[] Predict(T[] input)
    {
        var output = new T[TNet.OutputSize];
        _network.Predict(input, output);
        return output;
    }

    public T ComputeLoss(T[] input, T[] target) => _network.ComputeLoss(input, target);

    public T Backpropagate(T[] input, T[] target, T[] gradient) => _network.Backpropagate(input, target, gradient);

    public T[] PredictBatch(T[] inputs)
    {
        var outputs = new T[inputs.Length / TNet.InputSize * TNet.OutputSize];
        _network.PredictBatch(inputs, outputs);
        return outputs;
    }

    public (T[] Losses, T[] Outputs) ComputeLossBatch(T[] inputs, T[] targets)
    {
        var losses = new T[inputs.Length / TNet.InputSize];
        var outputs = new T[losses.Length * TNet.OutputSize];
        _network.ComputeLossBatch(inputs, targets, outputs, losses);
        return (losses, outputs);
    }

    public T BackpropagateBatch(T[] inputs, T[] targets, T[] gradient) => _network.BackpropagateBatch(inputs, targets, gradient);

    public void ApplyGradient(T[] gradient, T scale) => _network.ApplyGradient(gradient, scale);

    public T TrainStep(T[] input, T[] target, T learningRate) => _network.TrainStep(input, target, learningRate);

    public void SaveText(string path) => CompiledNets.Persistence.NetworkWeights.SaveText(_network, path);
}

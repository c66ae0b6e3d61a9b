using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Tests.Infrastructure;

/// <summary>Assertions on the incremental pipeline: which steps recomputed, and what the cached models hold.</summary>
internal static class IncrementalAssert
{
    private static readonly string[] StepNames = [TrackingNames.Parse, TrackingNames.Spec, TrackingNames.Diagnostics];

    /// <summary>
    /// Runs the same driver again on a clone of the input: every step must be Cached or Unchanged, every output Cached.
    /// </summary>
    public static void RerunIsCached(GeneratorRun run)
    {
        GeneratorRun rerun = GeneratorHarness.Run(run.Driver, run.Input.Clone());
        foreach (string name in StepNames)
        {
            foreach ((object value, IncrementalStepRunReason reason) in rerun.StepOutputs(name))
            {
                Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Step '{name}' recomputed on an identical compilation: {reason} for {value}.");
            }
        }

        foreach ((string name, IncrementalStepRunReason reason) in OutputReasons(rerun))
        {
            Assert.True(reason == IncrementalStepRunReason.Cached, $"Output step '{name}' was {reason} on an identical compilation.");
        }

        Assert.Equal(run.Sources, rerun.Sources);
    }

    /// <summary>The reasons of every source output (one per item reaching RegisterSourceOutput).</summary>
    public static IEnumerable<(string Step, IncrementalStepRunReason Reason)> OutputReasons(GeneratorRun run)
        => run.Result.TrackedOutputSteps.SelectMany(pair => pair.Value.SelectMany(step => step.Outputs.Select(output => (pair.Key, output.Reason))));

    /// <summary>The reasons of the outputs of one tracked step.</summary>
    public static IReadOnlyList<IncrementalStepRunReason> Reasons(GeneratorRun run, string trackingName)
        => run.StepOutputs(trackingName).Select(output => output.Reason).ToList();

    /// <summary>Fails if the object graph of <paramref name="root"/> reaches a symbol, syntax, location, compilation or semantic model.</summary>
    public static void HoldsNoCompilationObjects(object root)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(root, "spec", visited);
    }

    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxToken), typeof(SyntaxTree), typeof(SyntaxReference),
        typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(AttributeData), typeof(Diagnostic),
    ];

    private static void Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null)
            return;
        Type type = value.GetType();
        foreach (Type forbidden in Forbidden)
            Assert.False(forbidden.IsAssignableFrom(type), $"The spec holds a {forbidden.Name} at {path} ({type}).");
        if (type.IsPrimitive || type.IsEnum || value is string || value is decimal)
            return;
        if (!type.IsValueType && !visited.Add(value))
            return;

        if (value is IEnumerable items && value is not string)
        {
            int index = 0;
            foreach (object? item in items)
                Walk(item, $"{path}[{index++}]", visited);
        }

        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                Walk(field.GetValue(value), path + "." + field.Name, visited);
        }
    }
}

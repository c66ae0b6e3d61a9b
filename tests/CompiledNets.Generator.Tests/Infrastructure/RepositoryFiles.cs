using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Tests.Infrastructure;

/// <summary>What tests read from the repository and the generator as they are: README, the diagnostic descriptors.</summary>
internal static class RepositoryFiles
{
    /// <summary>README.md at the repository's root.</summary>
    public static string Readme([CallerFilePath] string thisFile = "")
        => File.ReadAllText(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "README.md"));

    /// <summary>Every diagnostic the generator declares.</summary>
    public static DiagnosticDescriptor[] Descriptors()
        => typeof(Generator.Diagnostics.DiagnosticDescriptors)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
            .ToArray();
}

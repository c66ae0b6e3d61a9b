using System.Linq;
using CompiledNets.Generator.Helpers;
using CompiledNets.Generator.Model;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Baking
{
    /// <summary>A valid network that declares [Network(Weights = ...)]: what to bake, and where to report a problem.</summary>
    internal sealed record BakeRequest(NetworkSpec Spec, LocationInfo? Location)
    {
        public string WeightsFile => Spec.WeightsFile ?? "";
    }

    /// <summary>A problem found while baking, as values (the diagnostic is made at output time).</summary>
    internal sealed record BakeProblem(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
    {
        public Diagnostic ToDiagnostic()
            => Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, Arguments.ToArray());
    }

    /// <summary>
    /// The outcome of baking one network: the parameters' little-endian bytes from the file at <see cref="FilePath"/>,
    /// or the problem that stopped it.
    /// </summary>
    internal sealed record BakeResult(BakeRequest Request, string? FilePath, EquatableArray<byte> Data, BakeProblem? Problem);
}

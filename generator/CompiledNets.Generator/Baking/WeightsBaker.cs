using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using CompiledNets.Generator.Diagnostics;
using CompiledNets.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNets.Generator.Baking
{
    /// <summary>Finds a network's weights file among the AdditionalFiles and decodes it, or says what is wrong.</summary>
    internal static class WeightsBaker
    {
        /// <summary>
        /// Above this, baking costs seconds of every build (measured: about 1.2 s per MB of parameters; README, Ship it),
        /// and an embedded resource loaded at run time serves better. 4 MiB is a million float parameters.
        /// </summary>
        public const long MaxBakedBytes = 4L * 1024 * 1024;

        public static BakeResult Bake(BakeRequest request, ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
        {
            string typeName = request.Spec.Type.Name;
            if (string.IsNullOrWhiteSpace(request.WeightsFile))
                return Failed(request, null, DiagnosticDescriptors.WeightsPathEmpty, typeName); // CN0400 would say: add <AdditionalFiles Include="" />
            long bytes = (long)request.Spec.ParameterCount * (request.Spec.Scalar == Model.ScalarKind.Double ? 8 : 4);
            if (bytes > MaxBakedBytes)
            {
                return Failed(request, null, DiagnosticDescriptors.TooManyParametersToBake, typeName,
                    Text(request.Spec.ParameterCount), Text(bytes), Text(MaxBakedBytes));
            }

            AdditionalText[] matches = Find(files, request.WeightsFile);
            if (matches.Length == 0)
                return Failed(request, null, DiagnosticDescriptors.WeightsFileNotFound, typeName, request.WeightsFile);
            if (matches.Length > 1)
            {
                return Failed(request, null, DiagnosticDescriptors.WeightsFileAmbiguous, typeName, request.WeightsFile,
                    string.Join("', '", System.Linq.Enumerable.Select(matches, match => match.Path)));
            }

            AdditionalText file = matches[0];

            SourceText? text = file.GetText(cancellationToken);
            if (text is null)
                return Failed(request, file.Path, DiagnosticDescriptors.WeightsFileUnreadable, file.Path, typeName, "the compiler could not read it");

            WeightsFileDecoder.Outcome outcome = WeightsFileDecoder.Decode(text.ToString(), request.Spec);
            if (outcome.Unreadable is string damage)
                return Failed(request, file.Path, DiagnosticDescriptors.WeightsFileUnreadable, file.Path, typeName, damage);
            if (outcome.Mismatch is string mismatch)
                return Failed(request, file.Path, DiagnosticDescriptors.WeightsFileMismatch, file.Path, typeName, mismatch);
            return new BakeResult(request, file.Path, outcome.Parameters!.ToEquatableArray(), null);
        }

        /// <summary>The additional files whose path is the declared one or ends with it, comparing '/' and '\' alike.</summary>
        private static AdditionalText[] Find(ImmutableArray<AdditionalText> files, string declared)
        {
            string wanted = Normalize(declared).TrimStart('.', '/');
            var matches = new System.Collections.Generic.List<AdditionalText>();
            foreach (AdditionalText file in files)
            {
                string path = Normalize(file.Path);
                if (path == wanted || path.EndsWith("/" + wanted, System.StringComparison.Ordinal))
                    matches.Add(file);
            }

            return matches.ToArray();
        }

        private static string Normalize(string path) => path.Replace('\\', '/');

        private static BakeResult Failed(BakeRequest request, string? path, DiagnosticDescriptor descriptor, params string[] arguments)
            => new BakeResult(request, path, default, new BakeProblem(descriptor, request.Location, arguments.ToEquatableArray()));

        private static string Text(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}

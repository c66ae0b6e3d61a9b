using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using CompiledNets.Generator.Emit.Layers;
using CompiledNets.Generator.Model;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// Writes {Type}.Network.g.cs: sizes, the fixed-size parameter and scratch storage, the parameter views,
    /// construction and initialization, ApplyGradient, and the runtime interface.
    /// </summary>
    internal static class MembersEmitter
    {
        public static SourceText Emit(NetworkSpec spec)
        {
            var w = new SourceWriter();
            var s = ScalarSyntax.For(spec.Scalar);
            int blocks = FileHeader.Open(w, spec, "Parameters and sizes", withParameterTable: true);
            string self = spec.Type.Name;
            string contract = $"global::CompiledNets.INeuralNetwork<{self}, {s.Type}>";
            w.WriteLine("/// <summary>Network " + spec.Architecture + ".</summary>");
            w.WriteLine("/// <remarks>");
            w.WriteLine("/// Thread safety: Predict, ComputeLoss, Backpropagate and their Batch forms only read the parameters, so any");
            w.WriteLine("/// number of threads may call them on one instance at once. TrainStep, ApplyGradient, InitializeParameters and");
            w.WriteLine("/// writes through Parameters change the parameters: make those calls from one thread while no other call on the");
            w.WriteLine("/// instance runs.");
            w.WriteLine("/// </remarks>");
            w.OpenBlock($"partial class {self} : {contract}");

            WriteSizes(w, spec);
            WriteStorage(w, spec, s);
            WriteConstructorAndViews(w, spec, s, self);
            WriteInitialization(w, spec);
            WriteApplyGradient(w, s);
            WriteContract(w, spec, s, self, contract);
            WriteLengthCheck(w);

            w.CloseBlock();
            FileHeader.Close(w, blocks);
            return w.ToSourceText();
        }

        /// <summary>
        /// The architecture as a string literal; a long one is split between layers into pieces joined with +, one to a
        /// line, so that no line passes the length limit.
        /// </summary>
        private static string ArchitectureLiteral(SourceWriter w, NetworkSpec spec)
        {
            string architecture = spec.Architecture;
            int room = SourceWriter.MaxLineLength - (w.Indentation + 1) * SourceWriter.IndentUnit.Length - "=> \"\";".Length;
            if (architecture.Length <= room)
                return "\"" + architecture + "\"";

            var pieces = new List<string>();
            string piece = "";
            foreach (string part in architecture.Split(new[] { " -> " }, System.StringSplitOptions.None))
            {
                string next = piece.Length == 0 ? part : piece + " -> " + part;
                if (piece.Length > 0 && next.Length > room - 6)
                {
                    pieces.Add(piece);
                    next = " -> " + part;
                }

                piece = next;
            }

            pieces.Add(piece);
            return "\"" + string.Join("\"\n" + SourceWriter.IndentUnit + "   + \"", pieces) + "\"";
        }

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static void WriteSizes(SourceWriter w, NetworkSpec spec)
        {
            w.WriteLine($"/// <summary>Number of input values: {spec.InputSize}.</summary>");
            w.WriteLine($"public const int {GeneratedMembers.InputSize} = {spec.InputSize};");
            w.WriteLine();
            w.WriteLine($"/// <summary>Number of output values: {spec.OutputSize}.</summary>");
            w.WriteLine($"public const int {GeneratedMembers.OutputSize} = {spec.OutputSize};");
            w.WriteLine();
            w.WriteLine("/// <summary>Number of trainable parameters, the length of <see cref=\"Parameters\"/>.</summary>");
            w.WriteLine($"public const int {GeneratedMembers.ParameterCount} = {spec.ParameterCount};");
            w.WriteLine();
            w.WriteLine("/// <summary>The Seed declared on [Network]: a new instance is initialized from it.</summary>");
            w.WriteLine($"public const int {GeneratedMembers.DeclaredSeed} = {Int(spec.Seed)};");

            foreach (LayerEmitter layer in LayerEmitter.All(spec))
            {
                w.WriteLine();
                layer.WriteSizes(w);
            }

            w.WriteLine();
        }

        private static void WriteStorage(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            bool aligned = GeneratedMembers.KeepsParametersAligned(spec);
            w.WriteLine("// ---- Storage ----------------------------------------------------------------");
            if (aligned)
            {
                w.WriteLine("// The parameters: fixed-size inline arrays (sizes the JIT sees as constants), layer after layer, so they read");
                w.WriteLine("// as one span. The struct has a block of its own on a 64-byte boundary: no vector load spans two cache lines.");
            }
            else
            {
                w.WriteLine("// The parameters live inside this object in fixed-size inline arrays: no allocation, and every");
                w.WriteLine("// size is a constant the JIT can see. One layer's fields follow the previous one's with no gaps,");
                w.WriteLine("// so the whole struct reads as one span of ParameterCount values.");
            }

            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.WriteLine("[global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]");
            w.OpenBlock($"private struct {GeneratedMembers.ParameterStorage}");
            foreach (LayerSpec layer in spec.Layers)
            {
                foreach (ParameterBlock block in layer.ParameterBlocks)
                    w.WriteLine($"public {block.Buffer} {block.Field};");
            }

            w.CloseBlock();
            w.WriteLine();
            w.WriteLine("// Per layer: its weights, and one value per neuron (its outputs a(l), deltas d(l) and, in a dense layer, biases).");
            foreach (LayerSpec layer in spec.Layers)
            {
                foreach (ParameterBlock block in layer.ParameterBlocks)
                {
                    if (block.SharedBuffer is null)
                        WriteInlineArray(w, s, block.Buffer, block.Count.ToString(CultureInfo.InvariantCulture));
                }

                WriteInlineArray(w, s, GeneratedMembers.NeuronsBuffer(layer), layer.OutputSize.ToString(CultureInfo.InvariantCulture));
            }

            if (spec.WorkspaceSize > 0)
                WriteInlineArray(w, s, GeneratedMembers.WorkspaceBuffer, spec.WorkspaceSize.ToString(CultureInfo.InvariantCulture));

            w.WriteLine();
            if (aligned)
            {
                string storage = $"global::CompiledNets.Numerics.AlignedStorage<{GeneratedMembers.ParameterStorage}>";
                w.WriteLine($"private readonly {storage} {GeneratedMembers.AlignedStorageField} = new();");
                w.WriteLine($"private ref {GeneratedMembers.ParameterStorage} {GeneratedMembers.ParametersField} => ref {GeneratedMembers.AlignedStorageField}.Value;");
            }
            else
            {
                w.WriteLine($"private {GeneratedMembers.ParameterStorage} {GeneratedMembers.ParametersField};");
            }
            w.WriteLine();
            WriteScratch(w, spec, s);
        }

        private static void WriteScratch(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            bool onStack = ScratchCode.ScratchBytes(spec) <= ScratchCode.StackLimitBytes;
            w.WriteLine("// ---- Scratch ----------------------------------------------------------------");
            w.WriteLine("// The values of one call: a(l) = outputs of layer l, d(l) = dL/dz(l). Every call takes its own Scratch");
            w.WriteLine(onStack
                ? "// (a local on the stack), so one instance can serve many threads at once: only the parameters are shared."
                : "// (this thread's, from ThreadScratch: too large for the stack), so one instance can serve many threads at once.");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"private struct {GeneratedMembers.Scratch}");
            ScratchCode.WriteFields(w, spec, GeneratedMembers.NeuronsBuffer, s.Type, tile: false);
            w.CloseBlock();
            w.WriteLine();
        }

        /// <summary>
        /// A fixed-size buffer type, on one line where it fits (as a call: the attribute names its namespace in full). No
        /// [GeneratedCode]: it has no code for a tool to skip, only its one field.
        /// </summary>
        public static void WriteInlineArray(SourceWriter w, ScalarSyntax s, string name, string length)
        {
            string attribute = $"[global::System.Runtime.CompilerServices.InlineArray({length})]";
            string type = $"private struct {name} {{ private {s.Type} _element0; }}";
            if (w.Fits(attribute + " " + type, SourceWriter.MaxCallLength))
                w.WriteLine(attribute + " " + type);
            else
                w.WriteLine(attribute + "\n" + type);
        }

        private static void WriteConstructorAndViews(SourceWriter w, NetworkSpec spec, ScalarSyntax s, string self)
        {
            w.WriteLine($"/// <summary>A network initialized from <see cref=\"{GeneratedMembers.DeclaredSeed}\"/>.</summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.WriteLine($"public {self}() => {GeneratedMembers.InitializeParameters}({GeneratedMembers.DeclaredSeed});");
            w.WriteLine();
            w.WriteLine("/// <summary>All parameters, layer by layer: weights row-major [units, inputs], then biases.</summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.WriteLine($"public {s.Span} {GeneratedMembers.Parameters} => {ScalarSyntax.MemoryMarshal}.CreateSpan(");
            w.WriteLine($"    ref {ScalarSyntax.Unsafe}.As<{GeneratedMembers.ParameterStorage}, {s.Type}>(ref {GeneratedMembers.ParametersField}), {GeneratedMembers.ParameterCount});");
            foreach (LayerEmitter layer in LayerEmitter.All(spec))
                layer.WriteViews(w);

            w.WriteLine();
        }

        private static void WriteInitialization(SourceWriter w, NetworkSpec spec)
        {
            w.WriteLine("/// <summary>Sets every parameter from <paramref name=\"seed\"/>: the same seed gives the same network.</summary>");
            w.WriteLine("/// <remarks>");
            w.WriteLine("/// Weights are drawn uniformly from [-limit, limit]: Xavier/Glorot, limit = sqrt(6 / (inputs + outputs)), keeps");
            w.WriteLine("/// the variance of signals steady through sigmoid, tanh and linear layers; He, limit = sqrt(6 / inputs), does");
            w.WriteLine("/// the same for ReLU layers, which zero half their inputs. Biases start at zero.");
            if (spec.Layers.Any(layer => layer is Conv2DLayerSpec))
                w.WriteLine("/// Convolutions start as PyTorch starts them: weights and biases uniform in +-1 / sqrt(values under one kernel).");
            w.WriteLine("/// </remarks>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenMethod($"public void {GeneratedMembers.InitializeParameters}", "int seed");
            w.WriteLine("global::CompiledNets.Numerics.SplitMix64 random = new global::CompiledNets.Numerics.SplitMix64(seed);");
            foreach (LayerEmitter layer in LayerEmitter.All(spec))
                layer.WriteInitialization(w);

            w.CloseBlock();
            w.WriteLine();
        }

        private static void WriteApplyGradient(SourceWriter w, ScalarSyntax s)
        {
            w.WriteLine("/// <summary>Gradient descent: <c>Parameters -= scale * gradient</c>.</summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenMethod($"public void {GeneratedMembers.ApplyGradient}", $"{s.ReadOnlySpan} gradient", $"{s.Type} scale");
            LengthCheck.Write(w, "gradient", GeneratedMembers.ParameterCount);
            w.WriteLine("// Parameters[k] -= scale * gradient[k], for every k, many at a time.");
            w.WriteLine($"global::CompiledNets.Numerics.VectorMath.SubtractScaled({GeneratedMembers.Parameters}, gradient, scale);");
            w.CloseBlock();
            w.WriteLine();
        }

        private static void WriteContract(SourceWriter w, NetworkSpec spec, ScalarSyntax s, string self, string contract)
        {
            w.WriteLine("// The runtime's trainer, gradient check and weights file use these through static abstract members.");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.WriteLine($"static int {contract}.InputSize => {GeneratedMembers.InputSize};");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.WriteLine($"static int {contract}.OutputSize => {GeneratedMembers.OutputSize};");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.WriteLine($"static int {contract}.ParameterCount => {GeneratedMembers.ParameterCount};");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.WriteMember($"static global::CompiledNets.Loss {contract}.Loss", $"global::CompiledNets.Loss.{spec.Loss};");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.WriteMember($"static string {contract}.Architecture", ArchitectureLiteral(w, spec) + ";");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.WriteLine($"static {self} {contract}.Create() => new {self}();");
            w.WriteLine();
            LayerListEmitter.Write(w, spec, contract);
            w.WriteLine();
        }

        private static void WriteLengthCheck(SourceWriter w)
        {
            // Small enough that the JIT always inlines it, and the check it calls.
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.WriteLine($"private static void {GeneratedMembers.ThrowIfWrongLength}(int actual, int expected, string name)");
            w.WriteLine("    => global::CompiledNets.Numerics.SpanLength.Check(actual, expected, name);");
        }
    }
}

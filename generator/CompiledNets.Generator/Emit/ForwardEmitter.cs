using System.Linq;
using CompiledNets.Generator.Emit.Layers;
using CompiledNets.Generator.Model;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNets.Generator.Emit
{
    /// <summary>Writes {Type}.Forward.g.cs: the forward pass, Predict, ComputeLoss and the loss itself.</summary>
    internal static class ForwardEmitter
    {
        public static SourceText Emit(NetworkSpec spec)
        {
            var w = new SourceWriter();
            var s = ScalarSyntax.For(spec.Scalar);
            int blocks = FileHeader.Open(w, spec, "Forward pass and loss", withParameterTable: false);
            w.OpenBlock("partial class " + spec.Type.Name);
            WritePublicMethods(w, spec, s);
            WriteForwardPass(w, spec, s);
            WriteLoss(w, spec, s);
            w.CloseBlock();
            FileHeader.Close(w, blocks);
            return w.ToSourceText();
        }

        private static void WritePublicMethods(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            w.WriteLine("/// <summary>Runs the network on one example and writes its prediction to <paramref name=\"output\"/>.</summary>");
            w.WriteLine($"/// <param name=\"input\">{LayerNames.InputValues(spec.Input)}.</param>");
            w.WriteLine($"/// <param name=\"output\">Receives {LayerNames.Plural(spec.OutputSize, "value")}.</param>");
            w.WriteLine($"/// <exception cref=\"global::System.ArgumentException\">A span does not have the length above.</exception>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenMethod($"public void {GeneratedMembers.Predict}", $"{s.ReadOnlySpan} input", $"{s.Span} output");
            ScratchCode.DeclareScratch(w, spec);
            LengthCheck.Write(w, "input", GeneratedMembers.InputSize);
            LengthCheck.Write(w, "output", GeneratedMembers.OutputSize);
            w.WriteLine($"{GeneratedMembers.ForwardPass}(input, ref {GeneratedMembers.ScratchParameter});");
            w.WriteLine($"{CopyPrediction(spec, s)}.CopyTo(output);");
            w.CloseBlock();
            w.WriteLine();

            w.WriteLine("/// <summary>The loss of the prediction for <paramref name=\"input\"/> against <paramref name=\"target\"/>.</summary>");
            w.WriteLine($"/// <remarks>{LossFormulas.Describe(spec.Loss)}.</remarks>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenMethod($"public {s.Type} {GeneratedMembers.ComputeLoss}", $"{s.ReadOnlySpan} input", $"{s.ReadOnlySpan} target");
            ScratchCode.DeclareScratch(w, spec);
            LengthCheck.Write(w, "input", GeneratedMembers.InputSize);
            LengthCheck.Write(w, "target", GeneratedMembers.OutputSize);
            w.WriteLine($"{GeneratedMembers.ForwardPass}(input, ref {GeneratedMembers.ScratchParameter});");
            w.WriteLine($"return {GeneratedMembers.LossOfForwardPass}(target, ref {GeneratedMembers.ScratchParameter});");
            w.CloseBlock();
            w.WriteLine();
        }

        /// <summary>The prediction p = a(L) in the scratch, as a span to copy out.</summary>
        internal static string CopyPrediction(NetworkSpec spec, ScalarSyntax s)
            => $"(({s.ReadOnlySpan}){GeneratedMembers.ScratchParameter}.{GeneratedMembers.ActivationsField(spec.OutputLayer)})";

        private static void WriteForwardPass(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            string outputs = spec.Layers.Count switch
            {
                1 => "the outputs a1 of the network's one layer",
                2 => "both layers' outputs a1 and a2",
                int count => "every layer's outputs a1 ... a" + count,
            };
            w.WriteLine($"/// <summary>Computes {outputs} for one input (its length already checked) into the call's scratch.</summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            MethodImplAttributes.WritePassInlining(w, spec);
            w.OpenMethod($"private void {GeneratedMembers.ForwardPass}", $"{s.ReadOnlySpan} {LayerNames.Input}", $"ref {GeneratedMembers.Scratch} {GeneratedMembers.ScratchParameter}");
            LayerNames.DeclareLocals(w, spec, LayerNames.Method.Forward);
            LayerEmitter[] layers = LayerEmitter.All(spec).ToArray();
            if (layers.Any(layer => layer.UsesSumTemporary))
                w.WriteLine($"{s.Type} z;");

            foreach (LayerEmitter layer in layers)
            {
                w.WriteLine();
                layer.WriteForward(w);
            }

            w.CloseBlock();
            w.WriteLine();
        }

        private static void WriteLoss(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            string p = LayerNames.A(spec.OutputLayer);
            string z = LayerNames.Z(spec.OutputLayer);
            string t = LayerNames.Target;
            w.WriteLine($"/// <summary>{LossFormulas.Describe(spec.Loss)}, for the prediction the forward pass left in the scratch.</summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenMethod($"private static {s.Type} {GeneratedMembers.LossOfForwardPass}", $"{s.ReadOnlySpan} {t}", $"ref {GeneratedMembers.Scratch} {GeneratedMembers.ScratchParameter}");
            w.WriteLine($"ref {GeneratedMembers.NeuronsBuffer(spec.OutputLayer)} {(spec.LossUsesLogits ? z : p)} = ref {GeneratedMembers.ScratchParameter}.{(spec.LossUsesLogits ? GeneratedMembers.LogitsField(spec.OutputLayer) : GeneratedMembers.ActivationsField(spec.OutputLayer))};");
            w.WriteLine($"{s.Type} loss = {s.Zero};");
            // One output (the tutorials' networks): no loop of one turn. The JIT kept it, bounds checks and all, and the
            // scratch stayed in memory: the one-weight step took 11.3 ns, and 7.8-8.4 ns without it.
            string k = spec.OutputSize == 1 ? "0" : "k";
            if (spec.OutputSize > 1)
                w.OpenBlock($"for (int k = 0; k < {GeneratedMembers.OutputSize}; k++)");
            LossFormulas.WriteTerm(w, spec.Loss, s, $"{t}[{k}]", $"{z}[{k}]", $"{p}[{k}]",
                $"{GeneratedMembers.ScratchParameter}.{GeneratedMembers.LogSumExpField}");
            if (spec.OutputSize > 1)
                w.CloseBlock();
            w.WriteLine($"return {LossFormulas.FromSum(spec.Loss, "loss", GeneratedMembers.OutputSize, s)};");

            w.CloseBlock();
        }
    }
}

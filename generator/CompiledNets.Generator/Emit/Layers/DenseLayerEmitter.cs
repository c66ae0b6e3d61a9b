using System.Collections.Generic;
using System.Globalization;
using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit.Layers
{
    /// <summary>
    /// A fully connected layer: z[j] = b[j] + sum_i W[j, i] * in[i], a[j] = f(z[j]). Within the unroll limit it is
    /// written out statement by statement (<see cref="DenseUnrolled"/>), the form of the from-scratch tutorials;
    /// above it, each product is one call into the runtime's kernels (<see cref="DenseKernelCalls"/>).
    /// </summary>
    internal sealed class DenseLayerEmitter : LayerEmitter
    {
        private readonly DenseLayerSpec _dense;

        public DenseLayerEmitter(NetworkSpec spec, DenseLayerSpec layer)
            : base(spec, layer)
        {
            _dense = layer;
        }

        protected override string Title
            => $"Dense {_dense.InputSize} -> {_dense.OutputSize}, {ActivationMath.Describe(_dense.Activation)}" + (_dense.HasBias ? "" : ", no bias");

        protected override string Form => _dense.Unrolled ? "unrolled" : "kernels";

        // An unrolled first layer's backward section is only its own f' (the layer after, a kernel one, did not fuse
        // it): one VectorMath call, or a loop for a handful of values, and no unrolled statement to name.
        protected override string? BackwardForm(bool passesBack) => _dense.Unrolled && !passesBack ? null : Form;

        public override IEnumerable<ParameterBlock> BlocksReadBy(LayerNames.Method method) => method switch
        {
            // Kernel calls take the stored buffers themselves; the unrolled statements read them through locals.
            _ when !_dense.Unrolled => System.Array.Empty<ParameterBlock>(),
            LayerNames.Method.Forward => _dense.ParameterBlocks,
            LayerNames.Method.Update => UpdatesUnrolled ? _dense.ParameterBlocks : System.Array.Empty<ParameterBlock>(),
            // Passing deltas back reads W(l), which the first layer does not do; the gradient reads no parameter.
            LayerNames.Method.Backward when Previous is not null => new[] { _dense.ParameterBlocks[0] },
            _ => System.Array.Empty<ParameterBlock>(),
        };

        public override bool UsesSumTemporary => DenseUnrolled.UsesSumTemporary(Spec, _dense, S);

        /// <summary>
        /// Whether any generated method computes this layer with the runtime's kernels: above the unroll limit, or in
        /// the batched tile passes, which every network with one such layer has.
        /// </summary>
        private bool CallsKernels => GeneratedMembers.CallsKernels(_dense, Spec);

        /// <summary>
        /// Whether the parameter update and gradient are written weight by weight: only in a network written out
        /// entirely so, like the tutorials'. Once a network calls kernels, its small layers update through them too:
        /// the per-weight text would appear twice (TrainStep and AccumulateGradient) for no speed, since shaped kernel
        /// calls are as fast as unrolled code at these sizes (README, UnrollLimit).
        /// </summary>
        private bool UpdatesUnrolled => Spec.EveryLayerUnrolled;

        protected override string SizesSentence
            => $"{Heading}: {LayerNames.Plural(_dense.InputSize, "input")}, {LayerNames.Plural(_dense.OutputSize, "output")}, one per neuron";

        protected override IEnumerable<(string Name, int Value)> SizeConstants
            => new[] { (GeneratedMembers.Inputs(_dense), _dense.InputSize), (GeneratedMembers.Outputs(_dense), _dense.OutputSize) };

        protected override void WriteShapeType(SourceWriter w)
        {
            if (!CallsKernels || !BeginShapeType(w, "sizes"))
                return;
            w.WriteLine($"private readonly struct {ShapeType} : global::CompiledNets.Numerics.IDenseShape");
            w.OpenBlock();
            w.WriteLine($"public static int Inputs => {GeneratedMembers.Inputs(_dense)};");
            w.WriteLine($"public static int Outputs => {GeneratedMembers.Outputs(_dense)};");
            w.CloseBlock();
        }

        public override void WriteViews(SourceWriter w)
        {
            foreach (ParameterBlock block in _dense.ParameterBlocks)
            {
                w.WriteLine();
                w.WriteLine(block.Role == "Weights"
                    ? $"/// <summary>W{Number}, the weights of layer {Number}: {LayerNames.Plural(_dense.OutputSize, "row")} of {_dense.InputSize}; W{Number}[j, i] is at [j * {_dense.InputSize} + i].</summary>"
                    : $"/// <summary>b{Number}, the biases of layer {Number}: one per neuron.</summary>");
                w.WriteLine(FileHeader.GeneratedCodeAttribute);
                w.WriteLine($"public {S.Span} {block.View} => {GeneratedMembers.ParametersField}.{block.Field};");
            }
        }

        public override void WriteInitialization(SourceWriter w)
        {
            bool he = _dense.Activation == ActivationKind.Relu || _dense.Activation == ActivationKind.LeakyRelu;
            double limit = he
                ? System.Math.Sqrt(6.0 / _dense.InputSize)
                : System.Math.Sqrt(6.0 / (_dense.InputSize + _dense.OutputSize));
            string rule = he
                ? $"He: sqrt(6 / {_dense.InputSize})"
                : $"Xavier: sqrt(6 / ({_dense.InputSize} + {_dense.OutputSize}))";
            w.WriteLine($"// W{Number}: {rule}");
            w.WriteCall(FillUniform, GeneratedMembers.Weights(_dense), limit.ToString("R", CultureInfo.InvariantCulture), "ref random");
            if (_dense.HasBias)
                w.WriteLine($"{GeneratedMembers.Biases(_dense)}.Clear();");
        }

        public override void WriteForward(SourceWriter w)
        {
            string a = LayerNames.A(_dense);
            w.WriteLine(Banner("forward"));
            w.WriteLine($"// z{Number}[j] = " + (_dense.HasBias ? $"b{Number}[j] + " : "") + $"sum_i W{Number}[j, i] * {LayerNames.In(Spec, _dense)}[i]");
            w.WriteLine($"// a{Number}[j] = {ActivationMath.Formula(_dense.Activation, "z" + Number)}");
            if (_dense.OverUnrollBudget)
            {
                w.WriteLine($"// Within UnrollLimit, but kernel calls: a network's unrolled layers hold at most {NetworkGenerator.Parser.MaxUnrolledValues} values");
                w.WriteLine("// (weights, biases and outputs), past which the JIT stops optimizing the long straight-line methods.");
            }

            // The weighted sums land where the activation reads them: in the logits buffer when the loss needs them (or
            // softmax normalizes them), otherwise in a(l) itself, which the activation then overwrites.
            bool keepLogits = IsOutput && Spec.LossUsesLogits;
            string sums = KeepsLogits ? LayerNames.Z(_dense) : a;
            if (_dense.Unrolled)
            {
                DenseUnrolled.Forward(w, Spec, _dense, S, keepLogits);
                if (keepLogits && _dense.Activation != ActivationKind.Softmax)
                    WriteActivationLoop(w, from: LayerNames.Z(_dense));
            }
            else
            {
                DenseKernelCalls.MatrixTimesVector(w, Spec, _dense, S, sums);
                if (_dense.Activation != ActivationKind.Softmax && (_dense.Activation != ActivationKind.Linear || keepLogits))
                    WriteActivationLoop(w, from: sums);
            }

            if (_dense.Activation == ActivationKind.Softmax)
                WriteSoftmax(w);
        }

        private void WriteActivationLoop(SourceWriter w, string from)
            => ActivationLoops.Write(w, S, _dense.Activation, from, LayerNames.A(_dense), GeneratedMembers.Outputs(_dense), _dense.OutputSize);

        private void WriteSoftmax(SourceWriter w)
        {
            string z = LayerNames.Z(_dense), a = LayerNames.A(_dense);
            SoftmaxCode.WriteFormula(w, z, a);
            SoftmaxCode.Write(w, S, z, a, Spec.Loss == LossKind.CrossEntropy ? LayerNames.Scratch + GeneratedMembers.LogSumExpField : null);
        }

        public override bool WriteBackward(SourceWriter w, bool derivativeApplied)
        {
            if (BeginBackward(w, derivativeApplied) is not { } previous)
                return false;

            string p = previous.Number.ToString(CultureInfo.InvariantCulture);
            if (_dense.Unrolled)
            {
                // The tutorial form: the previous layer's f' multiplied in, one statement per input.
                w.WriteLine($"// Deltas of layer {p}, by the chain rule: d{p}[i] = f'(a{p}[i]) * sum_j W{Number}[j, i] * d{Number}[j],");
                w.WriteLine($"// where f'(a) = {ActivationMath.DerivativeFormula(previous.Activation)} for {ActivationMath.Describe(previous.Activation)}.");
                DenseUnrolled.PropagateDeltas(w, _dense, previous, S);
                return true;
            }

            w.WriteLine($"// dL/da{p}[i] = sum_j W{Number}[j, i] * d{Number}[j]: passed back to layer {p}, which applies its own f'.");
            DenseKernelCalls.TransposedTimesVector(w, Spec, _dense, previous, S);
            return false;
        }

        public override void WriteGradient(SourceWriter w, bool update)
        {
            string input = LayerNames.In(Spec, _dense);
            w.WriteLine();
            w.WriteLine(Banner(update ? "update" : "gradient", UpdatesUnrolled ? "unrolled" : "kernels"));
            w.WriteLine(update
                ? $"// W{Number}[j, i] -= learningRate * d{Number}[j] * {input}[i]" + (_dense.HasBias ? $";  b{Number}[j] -= learningRate * d{Number}[j]" : "")
                : $"// dL/dW{Number}[j, i] += d{Number}[j] * {input}[i]" + (_dense.HasBias ? $";  dL/db{Number}[j] += d{Number}[j]" : ""));
            if (UpdatesUnrolled)
                DenseUnrolled.OuterProduct(w, Spec, _dense, update);
            else
                DenseKernelCalls.OuterProduct(w, Spec, _dense, S, update);
        }

        public override void WriteTileForward(SourceWriter w)
        {
            string a = LayerNames.A(_dense);
            string sums = KeepsLogits ? LayerNames.Z(_dense) : a;
            w.WriteLine();
            w.WriteLine(Banner("tile forward", withForm: false));
            w.WriteLine($"// {(KeepsLogits ? "Z" : "A") + Number}[e, j] = " + (_dense.HasBias ? $"b{Number}[j] + " : "")
                        + $"sum_i W{Number}[j, i] * {LayerNames.TileInName(_dense)}[e, i], for each example e");
            DenseKernelCalls.MatrixTimesMatrix(w, Spec, _dense, S, LayerNames.In(Spec, _dense), sums);
            if (_dense.Activation == ActivationKind.Softmax)
                WriteTileSoftmax(w);
            else if (KeepsLogits || _dense.Activation != ActivationKind.Linear)
                ActivationLoops.Write(w, S, _dense.Activation, sums, a, $"{a}.Length", length: null);
        }

        private void WriteTileSoftmax(SourceWriter w)
        {
            string outputs = GeneratedMembers.Outputs(_dense);
            string z = LayerNames.Z(_dense), a = LayerNames.A(_dense);
            SoftmaxCode.WriteFormula(w, z, a);
            w.OpenBlock("for (int e = 0; e < count; e++)");
            string row = $"e * {outputs}, {outputs}";
            SoftmaxCode.Write(w, S, $"{z}.Slice({row})", $"{a}.Slice({row})",
                Spec.Loss == LossKind.CrossEntropy ? $"{LayerNames.Tiles}{GeneratedMembers.LogSumExpField}[e]" : null);
            w.CloseBlock();
        }

        public override void WriteTileBackward(SourceWriter w)
        {
            string d = LayerNames.D(_dense);
            w.WriteLine();
            w.WriteLine(Banner("tile backward", withForm: false));
            if (!IsOutput)
                WriteOwnDerivative(w, d, LayerNames.A(_dense), $"{d}.Length", length: null);

            w.WriteLine($"// dL/dW{Number}[j, i] += sum_e D{Number}[e, j] * {LayerNames.TileInName(_dense)}[e, i]"
                        + (_dense.HasBias ? $";  dL/db{Number}[j] += sum_e D{Number}[e, j]" : ""));
            DenseKernelCalls.TileGradient(w, Spec, _dense, S, d, LayerNames.In(Spec, _dense));

            LayerSpec? previous = Previous;
            if (previous is null)
                return;
            string p = previous.Number.ToString(CultureInfo.InvariantCulture);
            w.WriteLine($"// dL/dA{p}[e, i] = sum_j W{Number}[j, i] * D{Number}[e, j]: passed back to layer {p}, which applies its own f'.");
            DenseKernelCalls.TransposedTimesMatrix(w, Spec, _dense, S, d, LayerNames.D(previous));
        }
    }
}

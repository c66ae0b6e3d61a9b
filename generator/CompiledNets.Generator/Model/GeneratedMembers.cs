using System.Collections.Generic;
using System.Linq;

namespace CompiledNets.Generator.Model
{
    /// <summary>
    /// The names of every member the emitter adds to a network class, decided here from the spec alone. The parser
    /// checks user members against this list (CN0006); the emitters write these same names and read nothing else
    /// about naming; a test compares the list with the output.
    /// </summary>
    internal static class GeneratedMembers
    {
        public const string InputSize = nameof(InputSize);
        public const string OutputSize = nameof(OutputSize);
        public const string ParameterCount = nameof(ParameterCount);
        public const string DeclaredSeed = nameof(DeclaredSeed);
        public const string Parameters = nameof(Parameters);
        public const string Predict = nameof(Predict);
        public const string PredictBatch = nameof(PredictBatch);
        public const string ComputeLoss = nameof(ComputeLoss);
        public const string ComputeLossBatch = nameof(ComputeLossBatch);
        public const string Backpropagate = nameof(Backpropagate);
        public const string BackpropagateBatch = nameof(BackpropagateBatch);
        public const string ApplyGradient = nameof(ApplyGradient);
        public const string TrainStep = nameof(TrainStep);
        public const string InitializeParameters = nameof(InitializeParameters);

        // Private members: named so that a user is unlikely to pick them, but still checked.
        public const string ParameterStorage = nameof(ParameterStorage);
        public const string ParametersField = "_parameters";
        public const string AlignedStorageField = "_storage";
        public const string LayersField = "_layers";
        public const string CreatePretrained = nameof(CreatePretrained);
        public const string PretrainedParameters = nameof(PretrainedParameters);
        public const string ForwardPass = nameof(ForwardPass);
        public const string LossOfForwardPass = nameof(LossOfForwardPass);
        public const string BackwardPass = nameof(BackwardPass);
        public const string AccumulateGradient = nameof(AccumulateGradient);
        public const string ThrowIfWrongLength = nameof(ThrowIfWrongLength);
        public const string Scratch = nameof(Scratch);
        public const string BatchTile = nameof(BatchTile);
        public const string TileScratch = nameof(TileScratch);
        public const string TileForward = nameof(TileForward);
        public const string TileLosses = nameof(TileLosses);
        public const string TileBackward = nameof(TileBackward);
        public const string TileExampleBuffer = nameof(TileExampleBuffer);

        // Fields of the Scratch and TileScratch structs (not members of the network class) and the parameters
        // generated methods receive them in.
        public const string LogSumExpField = "LogSumExp";
        public const string LossesField = "Losses";
        public const string ScratchParameter = "scratch";
        public const string TileScratchParameter = "tiles";

        // A dense layer's parameter members, as its parameter blocks name them.
        public static string Weights(DenseLayerSpec layer) => layer.ParameterBlocks[0].View;
        public static string Biases(DenseLayerSpec layer) => layer.ParameterBlocks[1].View;
        public static string WeightsOffset(DenseLayerSpec layer) => layer.ParameterBlocks[0].OffsetConstant;
        public static string BiasesOffset(DenseLayerSpec layer) => layer.ParameterBlocks[1].OffsetConstant;

        /// <summary>A dense layer's constant for the size of its input.</summary>
        public static string Inputs(DenseLayerSpec layer) => layer.Name + "Inputs";

        /// <summary>Every layer kind's constant for the size of its output a(l), which the scratch and tile code reads.</summary>
        public static string Outputs(LayerSpec layer) => layer.Name + "Outputs";

        /// <summary>
        /// A kernel-computed layer's sizes as a type, which the kernels are specialized for: named after the first layer
        /// of equal sizes (<see cref="ShapeOwner"/>), so that layers 2 to 4 of 256 -> 256 all use Layer2Shape.
        /// </summary>
        public static string Shape(LayerSpec layer, NetworkSpec spec) => ShapeOwner(layer, spec).Name + "Shape";

        /// <summary>
        /// The layer that declares the shape type <paramref name="layer"/> uses: the first kernel-computed layer with
        /// the same <see cref="LayerSpec.KernelShape"/>. The JIT compiles a kernel once per type it is called with:
        /// with a type per layer, twenty 64 -> 64 layers took 350-430 ms to their first results, 120-125 ms sharing one
        /// (the benchmarks' --startup, tests/CompiledNets.Benchmarks/HISTORY.md).
        /// </summary>
        public static LayerSpec ShapeOwner(LayerSpec layer, NetworkSpec spec)
            => spec.Layers.First(other => other.KernelShape == layer.KernelShape && CallsKernels(other, spec));

        /// <summary>The layers whose code uses <paramref name="owner"/>'s shape type, itself first: those of its sizes.</summary>
        public static IEnumerable<LayerSpec> ShapeUsers(LayerSpec owner, NetworkSpec spec)
            => spec.Layers.Where(other => other.KernelShape == owner.KernelShape && CallsKernels(other, spec));

        /// <summary>The scratch field that convolution kernels work in, shared by the layers in turn, and its buffer type.</summary>
        public const string WorkspaceField = "Workspace";
        public const string WorkspaceBuffer = nameof(WorkspaceBuffer);

        /// <summary>Scratch field holding the outputs a(l) of layer l.</summary>
        public static string ActivationsField(LayerSpec layer) => "A" + layer.Number;

        /// <summary>Scratch field holding the deltas dL/dz(l) of layer l.</summary>
        public static string DeltasField(LayerSpec layer) => "D" + layer.Number;

        /// <summary>Scratch field holding the logits z(L) of the output layer, kept when the loss reads them.</summary>
        public static string LogitsField(LayerSpec layer) => "Z" + layer.Number;

        /// <summary>The type holding one value per neuron of a layer ({Name}Outputs): a(l), d(l), z(L), and a dense layer's biases.</summary>
        public static string NeuronsBuffer(LayerSpec layer) => layer.Name + "NeuronsBuffer";

        public static string TileBuffer(LayerSpec layer) => layer.Name + "TileBuffer";

        /// <summary>
        /// A layer's size members: {Name}Outputs for every kind, {Name}Inputs for dense layers, and the {Name}Shape type
        /// for each layer whose code calls the runtime's kernels (see <see cref="CallsKernels"/>) and that is the first of
        /// its sizes (see <see cref="ShapeOwner"/>).
        /// </summary>
        public static IEnumerable<string> SizeMembers(LayerSpec layer, NetworkSpec spec)
        {
            if (layer is DenseLayerSpec dense)
                yield return Inputs(dense);
            yield return Outputs(layer);
            if (CallsKernels(layer, spec) && ShapeOwner(layer, spec).Number == layer.Number)
                yield return Shape(layer, spec);
        }

        /// <summary>
        /// Whether the parameters live in a block of their own on a 64-byte boundary (the runtime's
        /// <c>AlignedStorage</c>) rather than in the object: for networks whose per-example code calls the kernels,
        /// which stream weight rows with vector loads. Straight-line networks read their few weights from the object's
        /// own fields, one load fewer per step, even where their batches run through the kernels in tiles.
        /// </summary>
        public static bool KeepsParametersAligned(NetworkSpec spec) => !spec.EveryLayerUnrolled;

        /// <summary>
        /// Whether a layer's code calls the runtime's kernels, which take its sizes as a type: every kind but Flatten,
        /// except a dense layer written out as straight-line code in a network whose batches run per example.
        /// </summary>
        public static bool CallsKernels(LayerSpec layer, NetworkSpec spec) => layer switch
        {
            DenseLayerSpec dense => !dense.Unrolled || spec.UsesTiles,
            FlattenLayerSpec => false,
            _ => true,
        };

        /// <summary>
        /// Every generated method by name: its parameter types as Roslyn displays them ("System.Span&lt;float&gt;, float"),
        /// or null for one that takes a generated nested type (Scratch, TileScratch), which no base class can name; and
        /// whether it is public. An inherited method with the same parameter types would be hidden (CN0017), and one
        /// declared in the network class would be a second method of the same signature (CN0006); with other parameter
        /// types it is an overload, which the network class may declare of a public method only.
        /// </summary>
        public static Dictionary<string, GeneratedMethod> Methods(NetworkSpec spec)
        {
            string scalar = spec.Scalar == ScalarKind.Double ? "double" : "float";
            string values = $"System.ReadOnlySpan<{scalar}>", results = $"System.Span<{scalar}>";
            return new Dictionary<string, GeneratedMethod>(System.StringComparer.Ordinal)
            {
                [Predict] = GeneratedMethod.Public($"{values}, {results}"),
                [PredictBatch] = GeneratedMethod.Public($"{values}, {results}"),
                [ComputeLoss] = GeneratedMethod.Public($"{values}, {values}"),
                [ComputeLossBatch] = GeneratedMethod.Public($"{values}, {values}, {results}, {results}"),
                [Backpropagate] = GeneratedMethod.Public($"{values}, {values}, {results}"),
                [BackpropagateBatch] = GeneratedMethod.Public($"{values}, {values}, {results}"),
                [ApplyGradient] = GeneratedMethod.Public($"{values}, {scalar}"),
                [TrainStep] = GeneratedMethod.Public($"{values}, {values}, {scalar}"),
                [InitializeParameters] = GeneratedMethod.Public("int"),
                [CreatePretrained] = GeneratedMethod.Public(""),
                [ThrowIfWrongLength] = GeneratedMethod.Private("int, int, string"),
                [ForwardPass] = GeneratedMethod.Private(null),
                [LossOfForwardPass] = GeneratedMethod.Private(null),
                [BackwardPass] = GeneratedMethod.Private(null),
                [AccumulateGradient] = GeneratedMethod.Private(null),
                [TileForward] = GeneratedMethod.Private(null),
                [TileLosses] = GeneratedMethod.Private(null),
                [TileBackward] = GeneratedMethod.Private(null),
            };
        }

        public static IEnumerable<string> All(NetworkSpec spec)
        {
            yield return InputSize;
            yield return OutputSize;
            yield return ParameterCount;
            yield return DeclaredSeed;
            yield return Parameters;
            yield return Predict;
            yield return PredictBatch;
            yield return ComputeLoss;
            yield return ComputeLossBatch;
            yield return Backpropagate;
            yield return BackpropagateBatch;
            yield return ApplyGradient;
            yield return TrainStep;
            yield return InitializeParameters;
            yield return ParameterStorage;
            yield return ParametersField;
            if (KeepsParametersAligned(spec))
                yield return AlignedStorageField;
            yield return LayersField;
            if (spec.WeightsFile is not null)
            {
                yield return CreatePretrained;
                yield return PretrainedParameters;
            }
            yield return ForwardPass;
            yield return LossOfForwardPass;
            yield return BackwardPass;
            yield return AccumulateGradient;
            yield return ThrowIfWrongLength;
            yield return Scratch;
            if (spec.WorkspaceSize > 0)
                yield return WorkspaceBuffer;
            bool tiles = spec.UsesTiles;
            if (tiles)
            {
                yield return BatchTile;
                yield return TileScratch;
                yield return TileForward;
                yield return TileLosses;
                yield return TileBackward;
                yield return TileExampleBuffer;
            }

            foreach (LayerSpec layer in spec.Layers)
            {
                foreach (string name in SizeMembers(layer, spec))
                    yield return name;
                foreach (ParameterBlock block in layer.ParameterBlocks)
                {
                    yield return block.View;
                    yield return block.OffsetConstant;
                    if (block.SharedBuffer is null)
                        yield return block.Buffer;
                }

                yield return NeuronsBuffer(layer);
                if (tiles)
                    yield return TileBuffer(layer);
            }
        }
    }
}

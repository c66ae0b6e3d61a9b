using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using CompiledNets.Generator.Diagnostics;
using CompiledNets.Generator.Helpers;
using CompiledNets.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompiledNets.Generator
{
    public sealed partial class NetworkGenerator
    {
        /// <summary>The layer attributes: [Input] and one attribute per layer kind, read in the order they are written.</summary>
        internal static partial class Parser
        {
            /// <summary>The attribute types of the runtime's declaration attributes, as this compilation binds them.</summary>
            private sealed class LayerAttributeTypes
            {
                public LayerAttributeTypes(Compilation compilation)
                {
                    Input = compilation.GetTypeByMetadataName(KnownNames.InputAttribute);
                    Dense = compilation.GetTypeByMetadataName(KnownNames.DenseAttribute);
                    Conv2D = compilation.GetTypeByMetadataName(KnownNames.Conv2DAttribute);
                    MaxPool2D = compilation.GetTypeByMetadataName(KnownNames.MaxPool2DAttribute);
                    AveragePool2D = compilation.GetTypeByMetadataName(KnownNames.AveragePool2DAttribute);
                    Flatten = compilation.GetTypeByMetadataName(KnownNames.FlattenAttribute);
                }

                public INamedTypeSymbol? Input { get; }
                public INamedTypeSymbol? Dense { get; }
                public INamedTypeSymbol? Conv2D { get; }
                public INamedTypeSymbol? MaxPool2D { get; }
                public INamedTypeSymbol? AveragePool2D { get; }
                public INamedTypeSymbol? Flatten { get; }

                public bool IsLayer(AttributeData attribute)
                    => Is(attribute, Dense) || Is(attribute, Conv2D) || Is(attribute, MaxPool2D) || Is(attribute, AveragePool2D) || Is(attribute, Flatten);
            }

            /// <summary>Where the next layer is read: its number, what it reads, and where its parameters start.</summary>
            private readonly struct LayerContext
            {
                public LayerContext(int number, Shape input, int parameterOffset)
                {
                    Number = number;
                    Input = input;
                    ParameterOffset = parameterOffset;
                }

                public int Number { get; }
                public Shape Input { get; }
                public int ParameterOffset { get; }

                /// <summary>The layer's default name, for messages about a layer whose Name is not read yet.</summary>
                public string DefaultName => "Layer" + Number.ToString(CultureInfo.InvariantCulture);
            }

            private static List<LayerSpec> ReadLayers(
                INamedTypeSymbol type, TypeDeclarationSyntax declaration, ImmutableArray<AttributeData> attributes,
                LayerAttributeTypes kinds, NetworkOptions options, Problems problems, out Shape input, CancellationToken cancellationToken)
            {
                var layers = new List<LayerSpec>();
                var layerAttributes = new List<AttributeData>();
                input = Shape.Vector(0);
                bool sawInput = false;
                Shape previous = input;
                int parameterOffset = 0;
                // Split over declarations, the order is the files': CN0110 says so, and "[Input] must come first" would mislead.
                bool split = CheckLayersOnOneDeclaration(type, attributes.Where(a => Is(a, kinds.Input) || kinds.IsLayer(a)), problems, cancellationToken);
                foreach (AttributeData attribute in attributes)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (Is(attribute, kinds.Input))
                    {
                        Location at = AttributeLocations.OfAttribute(attribute, cancellationToken);
                        if (sawInput)
                            problems.Add(DiagnosticDescriptors.InputDeclaredMoreThanOnce, at, type.Name);
                        else if (layers.Count > 0 && !split)
                            problems.Add(DiagnosticDescriptors.InputMustComeFirst, at, type.Name);
                        sawInput = true;
                        input = ReadInput(attribute, problems, cancellationToken);
                        previous = input;
                        continue;
                    }

                    if (!kinds.IsLayer(attribute))
                        continue;
                    var context = new LayerContext(layers.Count + 1, previous, parameterOffset);
                    LayerSpec layer =
                        Is(attribute, kinds.Dense) ? ReadDense(attribute, context, options, problems, cancellationToken)
                        : Is(attribute, kinds.Conv2D) ? ReadConv2D(attribute, context, problems, cancellationToken)
                        : Is(attribute, kinds.Flatten) ? ReadFlatten(attribute, context, problems, cancellationToken)
                        : ReadPool(attribute, Is(attribute, kinds.MaxPool2D) ? PoolKind.Max : PoolKind.Average, context, problems, cancellationToken);
                    layers.Add(layer);
                    layerAttributes.Add(attribute);
                    previous = layer.Output;
                    parameterOffset = (int)System.Math.Min(int.MaxValue, (long)parameterOffset + System.Math.Max(0L, layer.ParameterCountLong));
                }

                if (!sawInput)
                    problems.Add(DiagnosticDescriptors.InputMissing, declaration.Identifier.GetLocation(), type.Name);
                if (layers.Count == 0)
                    problems.Add(DiagnosticDescriptors.NoLayers, declaration.Identifier.GetLocation(), type.Name);

                for (int i = 0; i < layers.Count - 1; i++)
                {
                    if (layers[i] is DenseLayerSpec { Activation: ActivationKind.Softmax })
                        problems.Add(DiagnosticDescriptors.SoftmaxOnlyOnOutputLayer,
                            AttributeLocations.OfConstructorArgument(layerAttributes[i], 1, cancellationToken), layers[i].Name, type.Name);
                }

                // Softmax over one value is 1 whatever the input: such a network never learns (CN0205).
                if (layers.Count > 0 && layers[layers.Count - 1] is DenseLayerSpec { Activation: ActivationKind.Softmax, Units: 1 } single)
                    problems.Add(DiagnosticDescriptors.SoftmaxOverOneOutput,
                        AttributeLocations.OfConstructorArgument(layerAttributes[layers.Count - 1], 1, cancellationToken), single.Name, type.Name);

                var firstWithName = new Dictionary<string, int>(System.StringComparer.Ordinal);
                for (int i = 0; i < layers.Count; i++)
                {
                    if (firstWithName.TryGetValue(layers[i].Name, out int first))
                        problems.Add(DiagnosticDescriptors.LayerNameDuplicated,
                            AttributeLocations.OfNamedArgument(layerAttributes[i], KnownNames.NameProperty, cancellationToken), layers[i].Name, type.Name,
                            HowToTellApart(layers[i].Name, first, i, layerAttributes));
                    else
                        firstWithName.Add(layers[i].Name, i);
                }

                KeepUnrolledLayersWithinBudget(layers);
                return layers;
            }

            /// <summary>
            /// CN0109's advice for two layers (0-based) with one name. When one of them has no Name, the clash is with its
            /// default name, and "leave Name out" would not help: say which layer took the default and what to change.
            /// </summary>
            private static string HowToTellApart(string name, int earlier, int later, List<AttributeData> layerAttributes)
            {
                string first = (earlier + 1).ToString(CultureInfo.InvariantCulture), second = (later + 1).ToString(CultureInfo.InvariantCulture);
                if (!HasNameArgument(layerAttributes[later]))
                    return $"Layer {second} has no Name, so it gets the default name '{name}', which is layer {first}'s Name: name layer {second}, or rename layer {first}";
                if (!HasNameArgument(layerAttributes[earlier]))
                    return $"Layer {first} has no Name, so it gets the default name '{name}', which is also layer {second}'s Name: rename layer {second}, or give layer {first} a Name";
                return "Give each layer its own Name, or leave Name out to get the default names Layer1, Layer2 and so on";

                static bool HasNameArgument(AttributeData attribute)
                    => attribute.NamedArguments.Any(argument => argument.Key == KnownNames.NameProperty);
            }

            /// <summary>
            /// CN0110 on the first layer attribute written on a second partial declaration, where their order would be file
            /// order; returns whether it was reported.
            /// </summary>
            private static bool CheckLayersOnOneDeclaration(INamedTypeSymbol type, IEnumerable<AttributeData> layerAttributes, Problems problems,
                CancellationToken cancellationToken)
            {
                SyntaxReference? first = null;
                foreach (AttributeData attribute in layerAttributes)
                {
                    SyntaxReference? at = attribute.ApplicationSyntaxReference;
                    if (at is null)
                        continue;
                    first ??= at;
                    if (DeclarationOf(at, cancellationToken) != DeclarationOf(first, cancellationToken))
                    {
                        problems.Add(DiagnosticDescriptors.LayersSplitAcrossDeclarations,
                            AttributeLocations.OfAttribute(attribute, cancellationToken), type.Name);
                        return true;
                    }
                }

                return false;
            }

            private static SyntaxNode? DeclarationOf(SyntaxReference attribute, CancellationToken cancellationToken)
                => attribute.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>();

            /// <summary>[Input(size)] or [Input(channels, height, width)], each size checked.</summary>
            private static Shape ReadInput(AttributeData attribute, Problems problems, CancellationToken cancellationToken)
            {
                ImmutableArray<TypedConstant> arguments = attribute.ConstructorArguments;
                string[] what = arguments.Length == 3
                    ? new[] { "Input channels", "Input height", "Input width" }
                    : new[] { "Input size" };
                var sizes = new int[arguments.Length];
                for (int i = 0; i < arguments.Length; i++)
                {
                    sizes[i] = (int)arguments[i].Value!;
                    if (sizes[i] <= 0)
                        problems.Add(DiagnosticDescriptors.SizeMustBePositive,
                            AttributeLocations.OfConstructorArgument(attribute, i, cancellationToken), what[i], problems.TypeName, sizes[i]);
                }

                return arguments.Length == 3 ? Shape.Image(sizes[0], sizes[1], sizes[2]) : Shape.Vector(sizes[0]);
            }

            /// <summary>
            /// The layer's Name when it is a valid identifier (CN0108 otherwise) short enough for the members named after it
            /// (CN0112 otherwise), else null for the default name.
            /// </summary>
            private static string? ReadName(AttributeData attribute, Problems problems, CancellationToken cancellationToken)
            {
                foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                {
                    if (argument.Key != KnownNames.NameProperty || argument.Value.Value is not string declared)
                        continue;
                    Location at = AttributeLocations.OfNamedArgument(attribute, argument.Key, cancellationToken);
                    if (!SyntaxFacts.IsValidIdentifier(declared))
                        problems.Add(DiagnosticDescriptors.LayerNameInvalid, at, declared, problems.TypeName);
                    else if (MetadataNames.Bytes(declared) > MetadataNames.MaxLayerNameBytes)
                        problems.Add(DiagnosticDescriptors.LayerNameTooLong, at, MetadataNames.Abbreviated(declared), problems.TypeName,
                            Number(MetadataNames.Bytes(declared)), Number(MetadataNames.MaxBytes), Number(MetadataNames.MaxLayerNameBytes));
                    else
                        return declared;
                }

                return null;
            }

            /// <summary>The value of a named int argument, or <paramref name="fallback"/> when it is not set.</summary>
            private static int ReadInt(AttributeData attribute, string name, int fallback)
            {
                foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                {
                    if (argument.Key == name && argument.Value.Value is int value)
                        return value;
                }

                return fallback;
            }

            private static bool ReadBias(AttributeData attribute)
            {
                foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                {
                    if (argument.Key == KnownNames.BiasProperty && argument.Value.Value is bool value)
                        return value;
                }

                return true;
            }

            private static ActivationKind ReadActivation(AttributeData attribute, int index, Problems problems, CancellationToken cancellationToken)
                => attribute.ConstructorArguments.Length > index
                    ? ReadEnum<ActivationKind>(attribute.ConstructorArguments[index], "Activation",
                        AttributeLocations.OfConstructorArgument(attribute, index, cancellationToken), problems)
                    : ActivationKind.Linear;

            private static DenseLayerSpec ReadDense(
                AttributeData attribute, LayerContext context, NetworkOptions options, Problems problems, CancellationToken cancellationToken)
            {
                int units = (int)attribute.ConstructorArguments[0].Value!;
                ActivationKind activation = ReadActivation(attribute, 1, problems, cancellationToken);
                string? declaredName = ReadName(attribute, problems, cancellationToken);
                int inputs = (int)System.Math.Min(int.MaxValue, context.Input.SizeLong);
                var layer = new DenseLayerSpec(context.Number, declaredName, inputs, units, activation, ReadBias(attribute), Unrolled: false, context.ParameterOffset);
                if (units <= 0)
                {
                    problems.Add(DiagnosticDescriptors.SizeMustBePositive, AttributeLocations.OfConstructorArgument(attribute, 0, cancellationToken),
                        "Units of layer '" + layer.Name + "'", problems.TypeName, units);
                }

                if (context.Input.IsImage)
                {
                    problems.Add(DiagnosticDescriptors.DenseNeedsFlatten, AttributeLocations.OfAttribute(attribute, cancellationToken),
                        layer.Name, problems.TypeName, context.Input.ToString(), Values(context.Input.SizeLong));
                }

                long weightCount = (long)System.Math.Max(inputs, 0) * System.Math.Max(units, 0);
                return layer with { Unrolled = weightCount <= options.UnrollLimit };
            }

            private static Conv2DLayerSpec ReadConv2D(AttributeData attribute, LayerContext context, Problems problems, CancellationToken cancellationToken)
            {
                int filters = (int)attribute.ConstructorArguments[0].Value!;
                int kernel = (int)attribute.ConstructorArguments[1].Value!;
                ActivationKind activation = ReadActivation(attribute, 2, problems, cancellationToken);
                string name = ReadName(attribute, problems, cancellationToken) ?? context.DefaultName;
                string? declaredName = name == context.DefaultName ? null : name;
                int stride = ReadInt(attribute, KnownNames.StrideProperty, 1);
                int padding = ReadInt(attribute, KnownNames.PaddingProperty, 0);
                Location at = AttributeLocations.OfAttribute(attribute, cancellationToken);

                if (filters <= 0)
                    problems.Add(DiagnosticDescriptors.SizeMustBePositive, AttributeLocations.OfConstructorArgument(attribute, 0, cancellationToken),
                        "Filters of layer '" + name + "'", problems.TypeName, filters);
                if (kernel <= 0)
                    problems.Add(DiagnosticDescriptors.SizeMustBePositive, AttributeLocations.OfConstructorArgument(attribute, 1, cancellationToken),
                        "Kernel size of layer '" + name + "'", problems.TypeName, kernel);
                if (stride <= 0)
                    problems.Add(DiagnosticDescriptors.LayerValueOutOfRange, AttributeLocations.OfNamedArgument(attribute, KnownNames.StrideProperty, cancellationToken),
                        "Stride", name, problems.TypeName, stride, "1 or more");
                if (padding < 0 || (kernel > 0 && padding > kernel / 2))
                    problems.Add(DiagnosticDescriptors.LayerValueOutOfRange, AttributeLocations.OfNamedArgument(attribute, KnownNames.PaddingProperty, cancellationToken),
                        "Padding", name, problems.TypeName, padding, $"between 0 and {System.Math.Max(0, kernel / 2)}, half the kernel size (as in PyTorch)");
                if (activation == ActivationKind.Softmax)
                    problems.Add(DiagnosticDescriptors.SoftmaxOnlyOnDense, AttributeLocations.OfConstructorArgument(attribute, 2, cancellationToken), name, problems.TypeName);

                (int height, int width) = Slide(context, name, "kernel", kernel, stride, padding, at, problems);
                return new Conv2DLayerSpec(context.Number, declaredName, context.Input, Shape.Image(System.Math.Max(filters, 1), height, width),
                    activation, kernel, stride, padding, ReadBias(attribute), context.ParameterOffset);
            }

            private static Pool2DLayerSpec ReadPool(AttributeData attribute, PoolKind kind, LayerContext context, Problems problems, CancellationToken cancellationToken)
            {
                int size = (int)attribute.ConstructorArguments[0].Value!;
                string name = ReadName(attribute, problems, cancellationToken) ?? context.DefaultName;
                string? declaredName = name == context.DefaultName ? null : name;
                int stride = ReadInt(attribute, KnownNames.StrideProperty, 0);
                if (size <= 0)
                    problems.Add(DiagnosticDescriptors.SizeMustBePositive, AttributeLocations.OfConstructorArgument(attribute, 0, cancellationToken),
                        "Window size of layer '" + name + "'", problems.TypeName, size);
                if (stride < 0)
                    problems.Add(DiagnosticDescriptors.LayerValueOutOfRange, AttributeLocations.OfNamedArgument(attribute, KnownNames.StrideProperty, cancellationToken),
                        "Stride", name, problems.TypeName, stride, "1 or more, or 0 for the window size");
                if (stride == 0)
                    stride = System.Math.Max(size, 1);

                (int height, int width) = Slide(context, name, "window", size, System.Math.Max(stride, 1), 0,
                    AttributeLocations.OfAttribute(attribute, cancellationToken), problems);
                return new Pool2DLayerSpec(context.Number, declaredName, context.Input, Shape.Image(context.Input.Channels, height, width),
                    kind, size, stride, context.ParameterOffset);
            }

            private static FlattenLayerSpec ReadFlatten(AttributeData attribute, LayerContext context, Problems problems, CancellationToken cancellationToken)
            {
                string name = ReadName(attribute, problems, cancellationToken) ?? context.DefaultName;
                if (!context.Input.IsImage)
                    problems.Add(DiagnosticDescriptors.LayerNeedsImage, AttributeLocations.OfAttribute(attribute, cancellationToken),
                        name, problems.TypeName, "Flatten", Values(context.Input.SizeLong));
                return new FlattenLayerSpec(context.Number, name == context.DefaultName ? null : name, context.Input, context.ParameterOffset);
            }

            /// <summary>
            /// The output rows and columns of a window of <paramref name="size"/> sliding over the layer's input image with
            /// <paramref name="stride"/> and <paramref name="padding"/>: CN0303 when the input is flat, CN0300 when the
            /// window does not fit, the warning CN0306 when a stride beyond the size leaves gaps between windows (two or more
            /// in a row or column), and otherwise the warning CN0301 when they stop short of the edge. At least 1 x 1, so the layers
            /// after a bad one are still read and checked.
            /// </summary>
            private static (int Height, int Width) Slide(LayerContext context, string name, string window, int size, int stride, int padding,
                Location at, Problems problems)
            {
                Shape input = context.Input;
                if (!input.IsImage)
                {
                    problems.Add(DiagnosticDescriptors.LayerNeedsImage, at, name, problems.TypeName,
                        window == "kernel" ? "Conv2D" : "pooling", Values(input.SizeLong));
                    return (1, 1);
                }

                if (size <= 0 || stride <= 0 || padding < 0)
                    return (1, 1);
                long rows = (long)input.Height + 2L * padding, columns = (long)input.Width + 2L * padding;
                if (size > rows || size > columns)
                {
                    problems.Add(DiagnosticDescriptors.WindowLargerThanInput, at, name, problems.TypeName, size, window, Number(rows), Number(columns));
                    return (1, 1);
                }

                long outRows = (rows - size) / stride + 1, outColumns = (columns - size) / stride + 1;
                string extent = $"{Number(rows)} x {Number(columns)}" + (padding > 0 ? " (padded)" : "");
                if (stride > size && (outRows > 1 || outColumns > 1))
                {
                    // Disjoint windows read outRows * size rows and outColumns * size columns; the gaps and the edge go unread.
                    long unread = rows * columns - outRows * size * (outColumns * size);
                    problems.Add(DiagnosticDescriptors.StrideSkipsInputBetweenWindows, at, name, problems.TypeName, $"{size}x{size}", stride,
                        Number(unread), Number(rows * columns), extent, size);
                    return ((int)outRows, (int)outColumns);
                }

                long unusedRows = (rows - size) % stride, unusedColumns = (columns - size) % stride;
                if (unusedRows > 0 || unusedColumns > 0)
                    problems.Add(DiagnosticDescriptors.InputRowsOrColumnsUnused, at, name, problems.TypeName, Unused(unusedRows, unusedColumns),
                        extent, $"{size}x{size}", stride);
                return ((int)outRows, (int)outColumns);
            }

            /// <summary>"the last row", "the last 2 rows and the last column": what CN0301 says a layer never reads.</summary>
            private static string Unused(long rows, long columns)
            {
                string Last(long count, string noun) => count == 1 ? $"the last {noun}" : $"the last {Number(count)} {noun}s";
                if (columns == 0)
                    return Last(rows, "row");
                return rows == 0 ? Last(columns, "column") : Last(rows, "row") + " and " + Last(columns, "column");
            }

            private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

            /// <summary>"1 value", "784 values".</summary>
            private static string Values(long count) => count == 1 ? "1 value" : Number(count) + " values";
        }
    }
}

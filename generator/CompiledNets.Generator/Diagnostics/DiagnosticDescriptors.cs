using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Diagnostics
{
    /// <summary>Every diagnostic the generator reports. IDs are never reused; README lists them with examples.</summary>
    internal static class DiagnosticDescriptors
    {
        public static readonly DiagnosticDescriptor NetworkMustBePartial = new DiagnosticDescriptor(
            id: "CN0001",
            title: "Network class must be partial",
            messageFormat: "Network class '{0}' must be partial so the generator can add its members. Add the 'partial' modifier to every declaration of the class: 'public partial class {0}'.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Add the 'partial' modifier to every declaration of the class.");

        public static readonly DiagnosticDescriptor NetworkMustNotBeStatic = new DiagnosticDescriptor(
            id: "CN0002",
            title: "Network class must not be static",
            messageFormat: "Network class '{0}' must not be static: a network is an instance that holds its parameters. Remove the 'static' modifier.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Remove the 'static' modifier.");

        public static readonly DiagnosticDescriptor NetworkMustNotBeGeneric = new DiagnosticDescriptor(
            id: "CN0003",
            title: "Network class must not be generic",
            messageFormat: "Network class '{0}' must not be generic: its sizes and element type are fixed by its attributes. Remove the type parameters; declare one network class per configuration.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Remove the type parameters; declare one network class per configuration.");

        public static readonly DiagnosticDescriptor NetworkMustNotBeNestedInGeneric = new DiagnosticDescriptor(
            id: "CN0004",
            title: "Network class must not be nested in a generic type",
            messageFormat: "Network class '{0}' is nested in generic type '{1}'. Move the network class out of the generic type, to a namespace or a non-generic type.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Move the network class out of the generic type, to a namespace or a non-generic type.");

        public static readonly DiagnosticDescriptor ContainingTypeMustBePartial = new DiagnosticDescriptor(
            id: "CN0005",
            title: "Type containing a network must be partial",
            messageFormat: "Type '{1}', which contains network class '{0}', must be partial so the generated code can re-open it. Add the 'partial' modifier to '{1}', or move the network class out of it.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Add the 'partial' modifier to '{1}', or move the network class out of it.");

        public static readonly DiagnosticDescriptor MemberNameCollides = new DiagnosticDescriptor(
            id: "CN0006",
            title: "Member name collides with generated code",
            messageFormat: "Network class '{0}' declares '{1}', which the generator also defines. Rename the member, or give the layer a different Name, so the generated member can be added.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Rename the member, or give the layer a different Name, so the generated member can be added.");

        public static readonly DiagnosticDescriptor NetworkMustBeClass = new DiagnosticDescriptor(
            id: "CN0007",
            title: "Network must be a class, not a record",
            messageFormat: "Network '{0}' is a record; declare it as a 'partial class'. Records add members (equality, cloning) that do not fit a network with inline parameters; use 'partial class'.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Records add members (equality, cloning) that do not fit a network with inline parameters; use 'partial class'.");

        public static readonly DiagnosticDescriptor NetworkMustNotDeclareParameterlessConstructor = new DiagnosticDescriptor(
            id: "CN0008",
            title: "Network declares a parameterless constructor",
            messageFormat: "Network class '{0}' declares a parameterless constructor, but the generator writes one that initializes the parameters from Seed. Remove it, and call InitializeParameters(seed) or set Parameters where you need other starting values.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Remove the constructor, and call InitializeParameters(seed) or set Parameters where you need other starting values.");

        public static readonly DiagnosticDescriptor NetworkMustNotHavePrimaryConstructor = new DiagnosticDescriptor(
            id: "CN0009",
            title: "Network class has a primary constructor",
            messageFormat: "Network class '{0}' has a primary constructor, but the generator writes the parameterless constructor that initializes the parameters from Seed, and every other constructor would have to call yours. Turn the parameters into fields or properties, or hold the network in a class of your own.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Turn the primary constructor's parameters into fields or properties, or hold the network in a class of your own.");

        public static readonly DiagnosticDescriptor NetworkMustNotHaveRequiredMembers = new DiagnosticDescriptor(
            id: "CN0010",
            title: "Network class has a required member",
            messageFormat: "Network class '{0}' declares required member '{1}', but the runtime creates networks with 'new {0}()' (training replicas, loading weights), which cannot set it. Remove 'required' and give '{1}' a default value.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Remove 'required' and give the member a default value.");

        public static readonly DiagnosticDescriptor NetworkMustNotBeAbstract = new DiagnosticDescriptor(
            id: "CN0011",
            title: "Network class is abstract",
            messageFormat: "Network class '{0}' is abstract, but the generated code creates it with 'new {0}()'. Remove the 'abstract' modifier.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Remove the 'abstract' modifier.");

        public static readonly DiagnosticDescriptor BaseClassNeedsParameterlessConstructor = new DiagnosticDescriptor(
            id: "CN0012",
            title: "Base class has no parameterless constructor",
            messageFormat: "Network class '{0}' derives from '{1}', which has no parameterless constructor the generated constructor can call. Give '{1}' an accessible parameterless constructor, or do not derive from it.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Give the base class an accessible parameterless constructor, or do not derive from it.");

        public static readonly DiagnosticDescriptor NetworkNamedLikeGeneratedMember = new DiagnosticDescriptor(
            id: "CN0013",
            title: "Network class is named like a generated member",
            messageFormat: "Network class '{0}' has the name of a member the generator writes into it, and a member cannot have the name of its class. Rename the class, or give the layer whose member it names a different Name.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Rename the class, or give the layer a different Name.");

        public static readonly DiagnosticDescriptor LanguageVersionTooOld = new DiagnosticDescriptor(
            id: "CN0014",
            title: "Network needs C# 12",
            messageFormat: "Network class '{0}' needs C# 12 or later (the generated code keeps the parameters in inline arrays), but this project compiles C# {1}. Set <LangVersion>12</LangVersion> or later in the project file, or remove LangVersion to get the default of .NET 8 and later.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Set <LangVersion>12</LangVersion> or later in the project file, or remove LangVersion.");

        public static readonly DiagnosticDescriptor NetworkMustNotBeFileLocal = new DiagnosticDescriptor(
            id: "CN0015",
            title: "Network class is file-local",
            messageFormat: "Network class '{0}' is declared 'file', so the generated code, which lives in files of its own, cannot add to it. Remove the 'file' modifier; make the class internal to keep it out of other assemblies.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Remove the 'file' modifier; make the class internal instead.");

        public static readonly DiagnosticDescriptor NetworkMustNotDeriveFromNetwork = new DiagnosticDescriptor(
            id: "CN0016",
            title: "Network class derives from another network",
            messageFormat: "Network class '{0}' derives from network class '{1}': both would have their own parameters and members of the same names. Derive '{0}' from something else, or declare the layers you want on '{0}' alone.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Do not derive one network class from another; declare each network's layers on its own class.");

        public static readonly DiagnosticDescriptor InheritedMemberCollides = new DiagnosticDescriptor(
            id: "CN0017",
            title: "Inherited member collides with generated code",
            messageFormat: "Network class '{0}' inherits '{1}' from '{2}', and the generator defines a '{1}' that would hide it. Rename '{1}' in '{2}', or do not derive '{0}' from '{2}'.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A generated member would hide an inherited one of the same name: calls through the base class would reach the base's member, and an abstract one would stay unimplemented. Rename the base class's member, or do not derive from it.");

        public static readonly DiagnosticDescriptor BaseClassConstructorAmbiguous = new DiagnosticDescriptor(
            id: "CN0018",
            title: "Base class constructor call is ambiguous",
            messageFormat: "Network class '{0}' derives from '{1}', whose constructors {2} and {3} can each be called without arguments, so the generated constructor's call to one of them would be ambiguous. Give '{1}' a constructor that takes no parameters, or do not derive from it.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The generated parameterless constructor calls the base class's constructor with no arguments: exactly one of them must be the best fit. Give the base class a constructor that takes no parameters, or do not derive from it.");

        public static readonly DiagnosticDescriptor ContainingTypeMustNotBeFileLocal = new DiagnosticDescriptor(
            id: "CN0019",
            title: "Type containing a network is file-local",
            messageFormat: "Type '{1}', which contains network class '{0}', is declared 'file', so the generated code, which lives in files of its own, cannot re-open it. Remove the 'file' modifier from '{1}'; make it internal to keep it out of other assemblies.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Remove the 'file' modifier from the containing type; make it internal instead.");

        public static readonly DiagnosticDescriptor NetworkMustNotHaveExplicitLayout = new DiagnosticDescriptor(
            id: "CN0020",
            title: "Network class has explicit layout",
            messageFormat: "Network class '{0}' has [StructLayout(LayoutKind.Explicit)], but the generator adds fields without [FieldOffset] (the parameters' storage). Remove the attribute, or use LayoutKind.Sequential.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Remove [StructLayout(LayoutKind.Explicit)] from the network class, or use LayoutKind.Sequential.");

        public static readonly DiagnosticDescriptor SystemNamespaceHidden = new DiagnosticDescriptor(
            id: "CN0021",
            title: "A global type named System hides the System namespace",
            messageFormat: "A type named 'System' in the global namespace hides namespace System from the code generated for network class '{0}': there, global::System.Span would name a member of that type. Move the type 'System' into a namespace, or rename it.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "C# binds global::System to a type named System in the global namespace before the System namespace (CS0437), so the generated code could not name Span or Math. Move that type into a namespace, or rename it.");

        public static readonly DiagnosticDescriptor FullNameTooLong = new DiagnosticDescriptor(
            id: "CN0022",
            title: "Network class's full name too long for the generated code",
            messageFormat: "Network class '{0}' has a full name of {1} bytes, and the generated code implements INeuralNetwork explicitly, in members whose names spell out that full name: the longest would pass the {2} bytes .NET metadata allows a name (CS7013). Shorten the namespace or the class's name (and those of the types containing it) to a full name of at most {3} bytes.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "An explicit implementation's name in metadata holds the interface's type arguments, here the network class's full name, and .NET metadata holds a name of at most 1,023 bytes. Shorten the namespace or the class's name.");

        public static readonly DiagnosticDescriptor InputMissing = new DiagnosticDescriptor(
            id: "CN0100",
            title: "Network has no input",
            messageFormat: "Network class '{0}' has no [Input] attribute. Add [Input(size)] before the layers, e.g. [Input(784)].",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Add [Input(size)] before the layers, e.g. [Input(784)].");

        public static readonly DiagnosticDescriptor InputDeclaredMoreThanOnce = new DiagnosticDescriptor(
            id: "CN0101",
            title: "Network has more than one input",
            messageFormat: "Network class '{0}' has more than one [Input] attribute. Keep one [Input(size)]: a network takes one input vector.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Keep one [Input(size)]: a network takes one input vector.");

        public static readonly DiagnosticDescriptor InputMustComeFirst = new DiagnosticDescriptor(
            id: "CN0102",
            title: "Input must come before the layers",
            messageFormat: "[Input] must come before the layers of network class '{0}'. Move [Input(size)] above the first layer attribute: layers apply in the order they are written.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Move [Input(size)] above the first layer attribute: layers apply in the order they are written.");

        public static readonly DiagnosticDescriptor NoLayers = new DiagnosticDescriptor(
            id: "CN0103",
            title: "Network has no layers",
            messageFormat: "Network class '{0}' has no layers. Add at least one layer, e.g. [Dense(10, Activation.Softmax)].",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Add at least one layer, e.g. [Dense(10, Activation.Softmax)].");

        public static readonly DiagnosticDescriptor SizeMustBePositive = new DiagnosticDescriptor(
            id: "CN0104",
            title: "Size must be positive",
            messageFormat: "{0} of network class '{1}' must be positive, but is {2}. Use a size of 1 or more.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Use a size of 1 or more.");

        public static readonly DiagnosticDescriptor SoftmaxOnlyOnOutputLayer = new DiagnosticDescriptor(
            id: "CN0105",
            title: "Softmax on a hidden layer",
            messageFormat: "Layer '{0}' of network class '{1}' uses Softmax, which is only supported on the output layer. Use Tanh, Relu, Sigmoid, LeakyRelu or Linear for hidden layers; Softmax belongs on the last layer with Loss.CrossEntropy.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Use Tanh, Relu, Sigmoid, LeakyRelu or Linear for hidden layers; Softmax belongs on the last layer with Loss.CrossEntropy.");

        public static readonly DiagnosticDescriptor NetworkTooLargeForInlineStorage = new DiagnosticDescriptor(
            id: "CN0106",
            title: "Network too large for inline storage",
            messageFormat: "Network class '{0}' has {1} parameters ({2} bytes); inline storage holds at most {3} bytes. Parameters live inside the instance in fixed-size storage, which .NET limits in size. Use smaller layers, Precision.Single instead of Double, or split the model into several networks.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Parameters live inside the instance in fixed-size storage, which .NET limits in size. Use smaller layers, Precision.Single instead of Double, or split the model into several networks.");

        public static readonly DiagnosticDescriptor UndefinedEnumValue = new DiagnosticDescriptor(
            id: "CN0107",
            title: "Value is not defined",
            messageFormat: "{0} value {1} on network class '{2}' is not a defined {0}. Use one of its members: {3}.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A number cast to the enum compiles, but names no activation, loss or precision the generator can emit. Use one of the enum's named members.");

        public static readonly DiagnosticDescriptor LayerNameInvalid = new DiagnosticDescriptor(
            id: "CN0108",
            title: "Layer name is not a valid identifier",
            messageFormat: "Layer name '{0}' of network class '{1}' is not a valid C# identifier. Use a name made of letters, digits and underscores that starts with a letter, e.g. Name = \"Hidden\".",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Use a name made of letters, digits and underscores that starts with a letter, e.g. Name = \"Hidden\".");

        public static readonly DiagnosticDescriptor LayerNameDuplicated = new DiagnosticDescriptor(
            id: "CN0109",
            title: "Layer name used twice",
            messageFormat: "Layer name '{0}' is used by more than one layer of network class '{1}'. {2}.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Give each layer its own Name, or leave Name out to get the default names Layer1, Layer2 and so on.");

        public static readonly DiagnosticDescriptor LayersSplitAcrossDeclarations = new DiagnosticDescriptor(
            id: "CN0110",
            title: "Layers declared on more than one partial declaration",
            messageFormat: "The [Input] and layer attributes of network class '{0}' are spread over more than one partial declaration, so their order would follow the order of the files. Put [Input] and every layer attribute on one declaration of '{0}'.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Put [Input] and every layer attribute on one declaration of the class.");

        public static readonly DiagnosticDescriptor LayerNameTooLong = new DiagnosticDescriptor(
            id: "CN0112",
            title: "Layer name too long for the generated code",
            messageFormat: "Layer name '{0}' of network class '{1}' is {2} bytes long, and the generator names members after it, such as its WeightsOffset constant: those would pass the {3} bytes .NET metadata allows a name (CS7013). Use a name of at most {4} bytes, e.g. Name = \"Hidden\".",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The generator adds up to 13 characters to a layer's Name for its members, and .NET metadata holds a name of at most 1,023 bytes. Use a shorter Name.");

        public static readonly DiagnosticDescriptor WorkingMemoryTooLarge = new DiagnosticDescriptor(
            id: "CN0111",
            title: "Network's working memory too large",
            messageFormat: "Network class '{0}' needs {1} bytes of working memory for {2} (every layer's outputs and deltas), more than the {3} bytes one .NET object can hold. Use narrower layers, or Precision.Single instead of Double.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Use narrower layers, or Precision.Single instead of Double.");

        public static readonly DiagnosticDescriptor UnrollLimitAboveMaximum = new DiagnosticDescriptor(
            id: "CN0204",
            title: "Unroll limit above the maximum",
            messageFormat: "UnrollLimit of network class '{0}' is {1}, above {2}, the most the generator writes out statement by statement: a larger layer would give methods too large for the JIT to optimize and slow builds. Layers above {2} weights are written as kernel calls; lower UnrollLimit to {2} or less to silence this.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Lower UnrollLimit; layers above the maximum are written as kernel calls.");

        public static readonly DiagnosticDescriptor SoftmaxRequiresCrossEntropy = new DiagnosticDescriptor(
            id: "CN0200",
            title: "Softmax output needs cross-entropy loss",
            messageFormat: "Network class '{0}' has a Softmax output layer but Loss.{1}. Set Loss = Loss.CrossEntropy on [Network]; softmax and cross-entropy together have the simple, stable gradient p - t.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Set Loss = Loss.CrossEntropy on [Network]; softmax and cross-entropy together have the simple, stable gradient p - t.");

        public static readonly DiagnosticDescriptor SoftmaxOverOneOutput = new DiagnosticDescriptor(
            id: "CN0205",
            title: "Softmax over a single output",
            messageFormat: "Layer '{0}' of network class '{1}' is a softmax over one output, which is 1 for every input, so the network cannot learn. For a yes/no output use [Dense(1, Activation.Sigmoid)] with Loss = Loss.BinaryCrossEntropy; for classes, give the layer one output per class.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Softmax divides each exponential by their sum: over one value the result is always 1, its gradient always 0.");

        public static readonly DiagnosticDescriptor NothingToTrain = new DiagnosticDescriptor(
            id: "CN0206",
            title: "Network has no trainable parameters",
            messageFormat: "Network class '{0}' has no trainable parameters: Flatten and pooling layers have no weights, so training cannot change what it predicts. Add a Dense or Conv2D layer to learn from data, or ignore this if the network is meant as a fixed transform.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Only Dense and Conv2D layers have weights; Flatten and pooling layers pass values on unchanged by training.");

        public static readonly DiagnosticDescriptor CrossEntropyRequiresSoftmax = new DiagnosticDescriptor(
            id: "CN0201",
            title: "Cross-entropy loss needs a softmax output",
            messageFormat: "Network class '{0}' uses Loss.CrossEntropy but its output layer uses {1}. Make the last layer Activation.Softmax, or use Loss.BinaryCrossEntropy with Sigmoid outputs for independent yes/no outputs.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Make the last layer Activation.Softmax, or use Loss.BinaryCrossEntropy with Sigmoid outputs for independent yes/no outputs.");

        public static readonly DiagnosticDescriptor BinaryCrossEntropyRequiresSigmoid = new DiagnosticDescriptor(
            id: "CN0202",
            title: "Binary cross-entropy loss needs sigmoid outputs",
            messageFormat: "Network class '{0}' uses Loss.BinaryCrossEntropy but its output layer uses {1}. Make the last layer Activation.Sigmoid, whose outputs lie in (0, 1) as the loss requires.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Make the last layer Activation.Sigmoid, whose outputs lie in (0, 1) as the loss requires.");

        public static readonly DiagnosticDescriptor UnrollLimitMustNotBeNegative = new DiagnosticDescriptor(
            id: "CN0203",
            title: "Unroll limit must not be negative",
            messageFormat: "UnrollLimit of network class '{0}' is {1}; it must be 0 or more. Use 0 to emit every layer as loops, or a weight count such as 32 up to which layers are fully unrolled.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Use 0 to emit every layer as loops, or a weight count such as 32 up to which layers are fully unrolled.");
        public static readonly DiagnosticDescriptor WindowLargerThanInput = new DiagnosticDescriptor(
            id: "CN0300",
            title: "Kernel or window larger than its input",
            messageFormat: "Layer '{0}' of network class '{1}' has a {2}x{2} {3} but its input is {4} x {5} (rows x columns, padding included). Use a smaller size, add Padding to a Conv2D, or remove a pooling layer before it.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Use a smaller kernel or window, add Padding to a Conv2D, or remove a pooling layer before it.");

        public static readonly DiagnosticDescriptor InputRowsOrColumnsUnused = new DiagnosticDescriptor(
            id: "CN0301",
            title: "Stride or window leaves input rows or columns unused",
            messageFormat: "Layer '{0}' of network class '{1}' never reads {2} of its {3} input: its windows of {4} with stride {5} stop short of the edge. Change the size, Stride or Padding so the windows reach the edge, or ignore this if dropping them is intended.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Change the size, Stride or Padding so the windows reach the edge of the input.");

        public static readonly DiagnosticDescriptor StrideSkipsInputBetweenWindows = new DiagnosticDescriptor(
            id: "CN0306",
            title: "Stride larger than the window skips input between windows",
            messageFormat: "Layer '{0}' of network class '{1}' slides its {2} windows with stride {3}, which leaves gaps between them: it never reads {4} of the {5} values in each channel of its {6} input. Make Stride at most {7}, the window's size, or ignore this if skipping them is intended (a 1x1 Conv2D with Stride = 2 downsamples this way).",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A stride larger than the window's size skips the rows and columns between windows; make Stride at most the size unless that is intended.");

        public static readonly DiagnosticDescriptor DenseNeedsFlatten = new DiagnosticDescriptor(
            id: "CN0302",
            title: "Dense layer after an image without Flatten",
            messageFormat: "Layer '{0}' of network class '{1}' is Dense, but its input is the image {2} (channels x height x width). Add [Flatten] before it to read the image as one vector of {3}.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Add [Flatten] between image layers (Input, Conv2D, pooling) and Dense layers.");

        public static readonly DiagnosticDescriptor LayerNeedsImage = new DiagnosticDescriptor(
            id: "CN0303",
            title: "Image layer on a flat input",
            messageFormat: "Layer '{0}' ({2}) of network class '{1}' needs an image (channels x height x width), but its input is a vector of {3}. Declare the input as [Input(channels, height, width)], and put {2} before any Flatten or Dense layer.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Declare the input as [Input(channels, height, width)], and put image layers before Flatten and Dense layers.");

        public static readonly DiagnosticDescriptor LayerValueOutOfRange = new DiagnosticDescriptor(
            id: "CN0304",
            title: "Layer setting out of range",
            messageFormat: "{0} of layer '{1}' of network class '{2}' is {3}. It must be {4}.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Use a value in the range the message gives.");

        public static readonly DiagnosticDescriptor SoftmaxOnlyOnDense = new DiagnosticDescriptor(
            id: "CN0305",
            title: "Softmax on a convolution layer",
            messageFormat: "Layer '{0}' of network class '{1}' is a Conv2D with Softmax, which only Dense layers support. End the network with [Flatten] and [Dense(classes, Activation.Softmax)].",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "End the network with [Flatten] and a Dense Softmax layer.");

        public static readonly DiagnosticDescriptor WeightsFileNotFound = new DiagnosticDescriptor(
            id: "CN0400",
            title: "Weights file not among AdditionalFiles",
            messageFormat: "Network class '{0}' bakes its weights from '{1}', but no file of the compilation's AdditionalFiles has that path. Add <AdditionalFiles Include=\"{1}\" /> to the project, with the file NetworkWeights.SaveText wrote.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A source generator reads only the files a project lists as AdditionalFiles.");

        public static readonly DiagnosticDescriptor WeightsFileUnreadable = new DiagnosticDescriptor(
            id: "CN0401",
            title: "Weights file cannot be read",
            messageFormat: "The weights file '{0}' of network class '{1}' cannot be baked: {2}. Bake the unedited text form that NetworkWeights.SaveText writes.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Bake the text form that NetworkWeights.SaveText writes, unedited.");

        public static readonly DiagnosticDescriptor WeightsFileMismatch = new DiagnosticDescriptor(
            id: "CN0402",
            title: "Weights file does not fit the network",
            messageFormat: "The weights file '{0}' does not fit network class '{1}': {2}. Save this network's weights with NetworkWeights.SaveText, or declare the network they were trained with.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The baked file must come from a network of the same architecture and precision.");

        public static readonly DiagnosticDescriptor TooManyParametersToBake = new DiagnosticDescriptor(
            id: "CN0403",
            title: "Too many parameters to bake",
            messageFormat: "Network class '{0}' has {1} parameters ({2} bytes); baking more than {3} bytes would slow every build. Remove Weights and load them at run time: embed the file as an EmbeddedResource and call NetworkWeights.Load(network, stream).",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Large weights compile faster as an embedded resource loaded at run time.");

        public static readonly DiagnosticDescriptor WeightsFileAmbiguous = new DiagnosticDescriptor(
            id: "CN0404",
            title: "Weights path matches several AdditionalFiles",
            messageFormat: "Network class '{0}' bakes its weights from '{1}', which ends the path of several AdditionalFiles: '{2}'. Write more of the path in Weights (e.g. its folder) so that it names one file.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The Weights path is matched against the end of each additional file's path; it must match exactly one.");

        public static readonly DiagnosticDescriptor WeightsPathEmpty = new DiagnosticDescriptor(
            id: "CN0405",
            title: "Weights path is empty",
            messageFormat: "Network class '{0}' sets Weights to an empty path. Give the path of the file NetworkWeights.SaveText wrote, as the project's AdditionalFiles list it, or remove Weights to start from the Seed.",
            category: DiagnosticCategories.CompiledNets,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Weights names the text weights file to bake; an empty path names none.");
    }
}

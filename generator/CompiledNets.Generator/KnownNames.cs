namespace CompiledNets.Generator
{
    /// <summary>Metadata names of the runtime's declaration attributes (the runtime is not netstandard2.0, so no typeof).</summary>
    internal static class KnownNames
    {
        public const string NetworkAttribute = "CompiledNets.NetworkAttribute";
        public const string InputAttribute = "CompiledNets.InputAttribute";
        public const string DenseAttribute = "CompiledNets.DenseAttribute";
        public const string Conv2DAttribute = "CompiledNets.Conv2DAttribute";
        public const string MaxPool2DAttribute = "CompiledNets.MaxPool2DAttribute";
        public const string AveragePool2DAttribute = "CompiledNets.AveragePool2DAttribute";
        public const string FlattenAttribute = "CompiledNets.FlattenAttribute";

        public const string LossProperty = "Loss";
        public const string PrecisionProperty = "Precision";
        public const string SeedProperty = "Seed";
        public const string UnrollLimitProperty = "UnrollLimit";
        public const string BiasProperty = "Bias";
        public const string NameProperty = "Name";
        public const string StrideProperty = "Stride";
        public const string PaddingProperty = "Padding";
        public const string WeightsProperty = "Weights";

        /// <summary>Mirrors NetworkAttribute.DefaultUnrollLimit in the runtime (a test checks they agree).</summary>
        public const int DefaultUnrollLimit = 32;
    }
}

namespace CompiledNets.Generator
{
    /// <summary>Metadata names of the runtime's declaration attributes (the runtime is not netstandard2.0, so no typeof).</summary>
    internal static class KnownNames
    {
        public const string NetworkAttribute = "CompiledNets.NetworkAttribute";
        public const string InputAttribute = "CompiledNets.InputAttribute";
        public const string DenseAttribute = "CompiledNets.DenseAttribute";

        public const string LossProperty = "Loss";
        public const string PrecisionProperty = "Precision";
        public const string SeedProperty = "Seed";
        public const string UnrollLimitProperty = "UnrollLimit";
        public const string BiasProperty = "Bias";
        public const string NameProperty = "Name";

        /// <summary>Mirrors NetworkAttribute.DefaultUnrollLimit in the runtime (a test checks they agree).</summary>
        public const int DefaultUnrollLimit = 32;
    }
}

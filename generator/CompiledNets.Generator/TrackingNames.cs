namespace CompiledNets.Generator
{
    /// <summary>Names of incremental pipeline steps, so tests can assert what was cached.</summary>
    internal static class TrackingNames
    {
        public const string Parse = nameof(Parse);
        public const string Spec = nameof(Spec);
        public const string Diagnostics = nameof(Diagnostics);
        public const string Bake = nameof(Bake);
    }
}

namespace CompiledNets.Generator.Diagnostics
{
    internal static class DiagnosticCategories
    {
        public const string CompiledNets = nameof(CompiledNets);
    }
}

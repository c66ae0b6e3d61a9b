namespace CompiledNets.Generator.Model
{
    /// <summary>
    /// A method the generator writes into the network class, as the member checks see it (CN0006, CN0017).
    /// </summary>
    /// <param name="Parameters">
    /// Its parameter types as Roslyn displays them ("System.ReadOnlySpan&lt;float&gt;, float"), or null when it takes a
    /// generated nested type (Scratch, TileScratch), which no other code can name.
    /// </param>
    /// <param name="IsPublic">Public methods may be overloaded in the network class; the private names stay reserved.</param>
    internal readonly record struct GeneratedMethod(string? Parameters, bool IsPublic)
    {
        public static GeneratedMethod Public(string parameters) => new GeneratedMethod(parameters, IsPublic: true);

        public static GeneratedMethod Private(string? parameters) => new GeneratedMethod(parameters, IsPublic: false);
    }
}

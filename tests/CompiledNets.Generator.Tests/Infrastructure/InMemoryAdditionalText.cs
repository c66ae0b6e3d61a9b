using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNets.Generator.Tests.Infrastructure;

/// <summary>A project's AdditionalFiles item, as the compiler hands it to generators: a path and its text.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}

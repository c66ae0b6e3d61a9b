using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNets.Generator.Tests.Infrastructure;

/// <summary>Source with the expected diagnostic span marked as <c>[|...|]</c>; the markers are removed.</summary>
internal sealed record MarkedSource(string Source, TextSpan Span)
{
    public static MarkedSource Parse(string marked)
    {
        int start = marked.IndexOf("[|", StringComparison.Ordinal);
        int end = marked.IndexOf("|]", start + 2, StringComparison.Ordinal);
        if (start < 0 || end < 0 || marked.IndexOf("[|", end, StringComparison.Ordinal) >= 0)
            throw new ArgumentException("Mark exactly one span with [| and |].", nameof(marked));
        string source = marked.Remove(end, 2).Remove(start, 2);
        return new MarkedSource(source, TextSpan.FromBounds(start, end - 2));
    }
}

internal static class DiagnosticAssert
{
    /// <summary>
    /// Runs the generator on <paramref name="marked"/> and asserts it reports exactly one diagnostic, the given one, at the
    /// marked span, with the given message, and generates nothing. Returns the diagnostic.
    /// </summary>
    public static Diagnostic ReportsOnly(string marked, string id, DiagnosticSeverity severity, string message, bool compilerErrorsExpected = false)
    {
        MarkedSource source = MarkedSource.Parse(marked);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compile(source.Source), assertCached: false);
        IncrementalAssert.RerunIsCached(run);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(diagnostic.Location.IsInSource, "The diagnostic has no source location.");
        Assert.Equal("Source0.cs", diagnostic.Location.SourceTree!.FilePath);
        Assert.True(source.Span == diagnostic.Location.SourceSpan,
            $"Expected the span of '{source.Source.Substring(source.Span.Start, source.Span.Length)}' at {Position(source.Source, source.Span)}, "
            + $"but the diagnostic is on '{source.Source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length)}' at {diagnostic.Location.GetLineSpan().Span}.");
        Assert.Equal(SourceText.From(source.Source).Lines.GetLinePositionSpan(source.Span), diagnostic.Location.GetLineSpan().Span);
        Assert.Empty(run.Sources);
        if (!compilerErrorsExpected)
            Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return diagnostic;
    }

    /// <summary>
    /// Runs the generator on <paramref name="marked"/> and asserts it reports exactly one diagnostic, the given warning, at
    /// the marked span, with the given message, and still generates the network, which compiles. Returns the run.
    /// </summary>
    public static GeneratorRun WarnsOnly(string marked, string id, string message)
    {
        MarkedSource source = MarkedSource.Parse(marked);
        GeneratorRun run = GeneratorHarness.Run(source.Source);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal((id, DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEmpty(run.Sources);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return run;
    }

    private static string Position(string source, TextSpan span)
        => SourceText.From(source).Lines.GetLinePositionSpan(span).ToString();
}

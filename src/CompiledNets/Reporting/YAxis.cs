namespace CompiledNets.Reporting;

/// <summary>Which vertical axis of a <see cref="SvgLineChart"/> a series is drawn against.</summary>
public enum YAxis
{
    /// <summary>The main axis on the left, labelled by <see cref="SvgLineChart.YAxisLabel"/>.</summary>
    Left = 0,

    /// <summary>A second axis on the right with its own scale, labelled by <see cref="SvgLineChart.RightYAxisLabel"/>.</summary>
    Right = 1,
}

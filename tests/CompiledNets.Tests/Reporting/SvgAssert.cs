using System.Globalization;
using System.Xml.Linq;

namespace CompiledNets.Tests.Reporting;

/// <summary>Reads back what <see cref="CompiledNets.Reporting.SvgLineChart"/> writes.</summary>
public static class SvgAssert
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Parses <paramref name="svg"/>, failing the test if it is not well-formed XML with an svg root.</summary>
    public static XElement Parse(string svg)
    {
        XElement root = XDocument.Parse(svg).Root!;
        Assert.Equal(Svg + "svg", root.Name);
        return root;
    }

    public static IEnumerable<XElement> All(XElement root, string name) => root.Descendants(Svg + name);

    public static string[] Texts(XElement root) => All(root, "text").Select(t => t.Value).ToArray();

    /// <summary>The points of a polyline, each parsed culture-invariantly (and required to have exactly x and y).</summary>
    public static (double X, double Y)[] Points(XElement polyline)
    {
        string points = (string)polyline.Attribute("points")!;
        if (points.Length == 0)
            return [];
        return points.Split(' ').Select(pair =>
        {
            string[] xy = pair.Split(',');
            Assert.Equal(2, xy.Length);
            return (Number(xy[0]), Number(xy[1]));
        }).ToArray();
    }

    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Width and height from the viewBox, which must start at 0 0.</summary>
    public static (double Width, double Height) ViewBox(XElement root)
    {
        double[] box = ((string)root.Attribute("viewBox")!).Split(' ').Select(Number).ToArray();
        Assert.Equal(0, box[0]);
        Assert.Equal(0, box[1]);
        return (box[2], box[3]);
    }

    /// <summary>Every drawn coordinate (points, lines, circles, rectangles, text anchors) is finite and inside the viewBox.</summary>
    public static void EverythingInsideViewBox(XElement root)
    {
        var (width, height) = ViewBox(root);
        void Inside(double x, double y, XElement where)
        {
            Assert.True(double.IsFinite(x) && double.IsFinite(y), $"non-finite coordinate in {where}");
            Assert.True(x >= 0 && x <= width && y >= 0 && y <= height, $"({x}, {y}) outside 0 0 {width} {height} in {where}");
        }
        double At(XElement e, string attribute) => Number((string)e.Attribute(attribute)!);

        foreach (XElement polyline in All(root, "polyline"))
            foreach (var (x, y) in Points(polyline))
                Inside(x, y, polyline);
        foreach (XElement line in All(root, "line"))
        {
            Inside(At(line, "x1"), At(line, "y1"), line);
            Inside(At(line, "x2"), At(line, "y2"), line);
        }
        foreach (XElement circle in All(root, "circle"))
            Inside(At(circle, "cx"), At(circle, "cy"), circle);
        foreach (XElement text in All(root, "text"))
            Inside(At(text, "x"), At(text, "y"), text);
        foreach (XElement rect in All(root, "rect").Where(r => r.Attribute("x") is not null))
        {
            Inside(At(rect, "x"), At(rect, "y"), rect);
            Inside(At(rect, "x") + At(rect, "width"), At(rect, "y") + At(rect, "height"), rect);
        }
    }
}

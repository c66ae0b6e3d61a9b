using System.Globalization;
using CompiledNets.Numerics;
using CompiledNets.Reporting;
using Samples;
using Samples.Xor;

// The tutorial as written: it takes no options, and stops with a message if given one.
TutorialCommandLine.ExitIfGivenOptions(args, "Xor",
    "The tutorial's 3-4-1 sigmoid network learning XOR in 1500 full-batch iterations, with a loss chart.");

// The tutorial's table: the output is the XOR of the first two inputs; the third input is always 1.
double[][] inputs = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]];
double[][] targets = [[0], [1], [1], [0]];
const int iterations = 1500;
const double learningRate = 1.0;

// As in the tutorial, every weight starts uniform in [0, 1) (a seeded generator, so every run is the same).
var network = new XorNetwork();
var random = new SplitMix64(1);
foreach (ref double weight in network.Parameters)
    weight = random.NextDouble();

// Full-batch gradient descent: each iteration adds up the gradient of all four rows, then takes one step.
var gradient = new double[XorNetwork.ParameterCount];
var lossCurve = new List<(double Iteration, double Loss)>();
for (int iteration = 1; iteration <= iterations; iteration++)
{
    Array.Clear(gradient);
    double loss = 0;
    for (int row = 0; row < inputs.Length; row++)
        loss += network.Backpropagate(inputs[row], targets[row], gradient);
    network.ApplyGradient(gradient, learningRate);

    lossCurve.Add((iteration, loss));
    if (iteration == 1 || iteration % 100 == 0)
        Console.WriteLine($"iteration {iteration,4}  loss {loss.ToString("F6", CultureInfo.InvariantCulture)}");
}

Console.WriteLine();
Console.WriteLine("input      target  prediction");
var prediction = new double[1];
for (int row = 0; row < inputs.Length; row++)
{
    network.Predict(inputs[row], prediction);
    Console.WriteLine($"{string.Join(",", inputs[row])}      {targets[row][0]}       {prediction[0].ToString("F4", CultureInfo.InvariantCulture)}");
}

string chartPath = Path.GetFullPath(Path.Combine("output", "xor-loss.svg"));
new SvgLineChart
{
    Title = "XOR table, 3-4-1 sigmoid network: loss per iteration",
    XAxisLabel = "iteration",
    YAxisLabel = "sum of squared errors",
}
.AddSeries("loss", lossCurve)
.Save(chartPath);
Console.WriteLine();
Console.WriteLine($"Loss chart: {chartPath}");

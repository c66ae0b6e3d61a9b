using System.Globalization;
using CompiledNets;
using Samples;
using Samples.HotColdVsGradient;

// The tutorial as written: it takes no options, and stops with a message if given one.
TutorialCommandLine.ExitIfGivenOptions(args, "HotColdVsGradient",
    "Hot/cold learning beside gradient descent on one weight (input 0.5, goal 0.8), as in the tutorial.");

// Input 0.5, goal 0.8, weight 0.5: the from-scratch tutorial's comparison of hot/cold learning and gradient descent.
const double input = 0.5, goal = 0.8, startWeight = 0.5;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

Console.WriteLine($"pred = input * weight, input {input}, goal {goal}, starting weight {startWeight}; error = (pred - goal)^2");

// 1. Hot/cold with a small step: every nudge helps, but it takes (1.6 - 0.5) / 0.001 = 1100 of them.
IReadOnlyList<HotColdLearning.Point> small = HotColdLearning.Run(input, goal, startWeight, step: 0.001, iterations: 1200);
PrintTable("Hot/cold learning, step 0.001 (3 predictions per iteration)", small,
    small.Where(p => p.Iteration < 5 || p.Iteration % 200 == 0 || p.Iteration is >= 1098 and <= 1102 || p.Iteration == small.Count - 1));

// 2. Hot/cold with a large step: it jumps over the goal and back, forever.
IReadOnlyList<HotColdLearning.Point> large = HotColdLearning.Run(input, goal, startWeight, step: 0.4, iterations: 10);
PrintTable("Hot/cold learning, step 0.4: overshoots, then oscillates", large, large);

// 3. Gradient descent on a generated one-weight network: the step is (pred - goal) * input, large when far, small when near.
var network = new OneWeight();
network.OneWeightWeights[0] = startWeight;
ReadOnlySpan<double> x = [input];
ReadOnlySpan<double> target = [goal];
const double learningRate = 1.0; // the tutorial: weight -= (pred - goal) * input
var descent = new List<HotColdLearning.Point>();
Span<double> prediction = stackalloc double[1];
for (int iteration = 0; iteration <= 40; iteration++)
{
    network.Predict(x, prediction);
    descent.Add(new HotColdLearning.Point(iteration, network.OneWeightWeights[0], prediction[0], (prediction[0] - goal) * (prediction[0] - goal)));
    network.TrainStep(x, target, learningRate);
}

PrintTable($"Gradient descent (HalfSquaredError, learning rate {learningRate}, 1 prediction + 1 backward per iteration)", descent,
    descent.Where(p => p.Iteration <= 10 || p.Iteration % 10 == 0));

Console.WriteLine();
Console.WriteLine("Summary (|pred - goal| after the iteration):");
Console.WriteLine($"  hot/cold, step 0.001: {Math.Abs(small[20].Prediction - goal),10:0.000e+0} after 20, {Math.Abs(small[1100].Prediction - goal):0.000e+0} after 1100");
Console.WriteLine($"  hot/cold, step 0.4:   {Math.Abs(large[9].Prediction - goal),10:0.000e+0} after 9, {Math.Abs(large[10].Prediction - goal):0.000e+0} after 10 (oscillating between {large[9].Prediction:0.00} and {large[10].Prediction:0.00})");
Console.WriteLine($"  gradient descent:     {Math.Abs(descent[20].Prediction - goal),10:0.000e+0} after 20, {Math.Abs(descent[40].Prediction - goal):0.000e+0} after 40");

static void PrintTable(string title, IReadOnlyList<HotColdLearning.Point> all, IEnumerable<HotColdLearning.Point> shown)
{
    Console.WriteLine();
    Console.WriteLine(title);
    Console.WriteLine($"{"iter",6} {"weight",12} {"prediction",12} {"error",12}");
    int previous = -1;
    foreach (HotColdLearning.Point p in shown)
    {
        if (previous >= 0 && p.Iteration > previous + 1)
            Console.WriteLine($"{"...",6}");
        Console.WriteLine($"{p.Iteration,6} {p.Weight,12:0.000000} {p.Prediction,12:0.000000} {p.Error,12:0.000e+0}");
        previous = p.Iteration;
    }

    if (previous < all.Count - 1)
        Console.WriteLine($"{"...",6} ({all.Count - 1} iterations)");
}

namespace Samples.HotColdVsGradient
{
    /// <summary>pred = w * input: one input, one linear output, no bias; HalfSquaredError, so the gradient is (pred - goal) * input.</summary>
    [Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
    [Input(1)]
    [Dense(1, Activation.Linear, Bias = false, Name = "OneWeight")]
    public partial class OneWeight;
}

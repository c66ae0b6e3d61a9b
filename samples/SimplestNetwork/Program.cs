using CompiledNets;
using Samples;
using Samples.SimplestNetwork;

// The tutorial as written: it takes no options, and stops with a message if given one.
TutorialCommandLine.ExitIfGivenOptions(args, "SimplestNetwork",
    "The tutorial's smallest network: one weight learning to turn 5 into 42 in 20 steps of gradient descent.");

// The smallest network there is: one weight, no bias, learning to turn 5 into 42.
// (The from-scratch tutorial: pred = input * weight; delta = pred - goal; weight -= alpha * delta * input.)
var network = new OneWeight();
network.OneWeightWeights[0] = 1.0;

ReadOnlySpan<double> input = [5.0];
ReadOnlySpan<double> goal = [42.0];
const double learningRate = 0.01;
Span<double> prediction = stackalloc double[1];

for (int step = 1; step <= 20; step++)
{
    // HalfSquaredError's loss is (pred - goal)^2 / 2; the tutorial prints the error (pred - goal)^2.
    double error = 2 * network.TrainStep(input, goal, learningRate);
    Console.WriteLine($"Error: {error:0.0######}");
}

network.Predict(input, prediction);
Console.WriteLine($"Prediction: {prediction[0]:0.0###}");
Console.WriteLine($"Weight: {network.OneWeightWeights[0]:0.0####}");

namespace Samples.HotColdVsGradient;

/// <summary>
/// Hot/cold learning, the from-scratch tutorial's first way to learn: try the weight a step up and a step down,
/// and keep whichever predicts better. It needs two extra predictions per step, and its step is fixed: too small
/// and it crawls, too large and it overshoots the goal forever.
/// </summary>
/// <remarks>No dependency on CompiledNets, so the tests can compile this file as it is.</remarks>
public static class HotColdLearning
{
    /// <summary>The state after some number of nudges.</summary>
    /// <param name="Iteration">Nudges made so far (0: the start).</param>
    /// <param name="Weight">The weight.</param>
    /// <param name="Prediction">input * weight.</param>
    /// <param name="Error">(prediction - goal)^2.</param>
    public readonly record struct Point(int Iteration, double Weight, double Prediction, double Error);

    /// <summary>
    /// Runs <paramref name="iterations"/> nudges of size <paramref name="step"/> from <paramref name="weight"/>;
    /// returns <c>iterations + 1</c> points, the start first. When up and down are equally good the weight stays.
    /// </summary>
    public static IReadOnlyList<Point> Run(double input, double goal, double weight, double step, int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        if (!(step > 0) || double.IsInfinity(step))
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be a positive finite number.");

        var points = new List<Point>(iterations + 1) { At(0, input, goal, weight) };
        for (int iteration = 1; iteration <= iterations; iteration++)
        {
            double upError = Error(input * (weight + step), goal);
            double downError = Error(input * (weight - step), goal);
            if (downError < upError)
                weight -= step;
            else if (upError < downError)
                weight += step;
            points.Add(At(iteration, input, goal, weight));
        }

        return points;
    }

    private static Point At(int iteration, double input, double goal, double weight)
    {
        double prediction = input * weight;
        return new Point(iteration, weight, prediction, Error(prediction, goal));
    }

    private static double Error(double prediction, double goal) => (prediction - goal) * (prediction - goal);
}

namespace CompiledNets.Training;

/// <summary>The learning rate of each epoch, as a factor of the initial one.</summary>
public abstract record LearningRateSchedule
{
    /// <summary>The same rate every epoch.</summary>
    public static LearningRateSchedule Constant { get; } = new ConstantSchedule();

    /// <summary>Multiply the rate by <paramref name="factor"/> every <paramref name="epochs"/> epochs.</summary>
    public static LearningRateSchedule Step(int epochs, double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        if (!(factor > 0) || double.IsInfinity(factor))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The factor must be a positive finite number.");
        return new StepSchedule(epochs, factor);
    }

    /// <summary>
    /// Cosine decay from the initial rate down to <paramref name="finalFraction"/> of it at the last epoch.
    /// The default 0.01 keeps the last epoch learning (a fraction of 0 would make it a no-op).
    /// </summary>
    public static LearningRateSchedule Cosine(double finalFraction = 0.01)
    {
        if (!(finalFraction >= 0 && finalFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(finalFraction), finalFraction, "The final fraction must be in [0, 1].");
        return new CosineSchedule(finalFraction);
    }

    /// <summary>The rate for <paramref name="epoch"/> (0-based) of <paramref name="epochs"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">(the built-in schedules) <paramref name="epoch"/> is not in
    /// [0, <paramref name="epochs"/>): past the end a cosine would climb back towards the initial rate.</exception>
    public abstract double RateFor(double initialRate, int epoch, int epochs);

    private protected static void CheckEpoch(int epoch, int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        if ((uint)epoch >= (uint)epochs)
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, $"Epoch {epoch} is not one of a run's {epochs} epochs, 0 to {epochs - 1}.");
    }

    /// <summary>
    /// Whether an epoch's rate depends on how many epochs the run has: then a run resumed from a checkpoint must keep
    /// the interrupted run's length. Only the built-in Constant and Step schedules are known not to.
    /// </summary>
    internal virtual bool DependsOnRunLength => true;

    private sealed record ConstantSchedule : LearningRateSchedule
    {
        public override double RateFor(double initialRate, int epoch, int epochs)
        {
            CheckEpoch(epoch, epochs);
            return initialRate;
        }

        internal override bool DependsOnRunLength => false;

        public override string ToString() => "Constant";
    }

    private sealed record StepSchedule(int Every, double Factor) : LearningRateSchedule
    {
        public override double RateFor(double initialRate, int epoch, int epochs)
        {
            CheckEpoch(epoch, epochs);
            return initialRate * Math.Pow(Factor, epoch / Every);
        }

        internal override bool DependsOnRunLength => false;

        public override string ToString() => FormattableString.Invariant($"Step({Every}, {Factor:R})");
    }

    private sealed record CosineSchedule(double FinalFraction) : LearningRateSchedule
    {
        public override double RateFor(double initialRate, int epoch, int epochs)
        {
            CheckEpoch(epoch, epochs);
            double progress = epochs <= 1 ? 0 : (double)epoch / (epochs - 1);
            double fraction = FinalFraction + (1 - FinalFraction) * 0.5 * (1 + Math.Cos(Math.PI * progress));
            return initialRate * fraction;
        }

        public override string ToString() => FormattableString.Invariant($"Cosine({FinalFraction:R})");
    }
}

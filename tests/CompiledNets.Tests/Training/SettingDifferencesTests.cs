using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

/// <summary>A refused resume names the settings that differ, not two long lists to compare by eye.</summary>
public sealed class SettingDifferencesTests
{
    [Theory]
    // Training options: only what changed, with an unset option shown as none (it is written "EarlyStopping = ").
    [InlineData("Epochs = 5, BatchSize = 1, Schedule = Cosine(0.01), EarlyStopping = ",
                "Epochs = 8, BatchSize = 1, Schedule = Cosine(0.01), EarlyStopping = EarlyStopping(Patience = 2, RestoreBest = True)",
                "Epochs = 5 in the checkpoint, 8 in this run; "
                + "EarlyStopping = none in the checkpoint, EarlyStopping(Patience = 2, RestoreBest = True) in this run")]
    // An option one side has and the other has not.
    [InlineData("Epochs = 5, Threads = 1", "Epochs = 5, Threads = 1, Augmentation = RandomShift(MaxPixels = 2)",
                "Augmentation = none in the checkpoint, RandomShift(MaxPixels = 2) in this run")]
    // The same optimizer with another setting: that setting.
    [InlineData("Sgd(LearningRate = 0.5, Momentum = 0.9, Nesterov = False)", "Sgd(LearningRate = 0.5, Momentum = 0.5, Nesterov = False)",
                "Momentum = 0.9 in the checkpoint, 0.5 in this run")]
    // Another optimizer, an architecture, a count, a missing setting: shown whole.
    [InlineData("Sgd(LearningRate = 0.5)", "Adam(LearningRate = 0.01)", "Sgd(LearningRate = 0.5) in the checkpoint, Adam(LearningRate = 0.01) in this run")]
    [InlineData("3 -> Dense(4, Sigmoid) -> Dense(1, Sigmoid)", "3 -> Dense(5, Sigmoid) -> Dense(1, Sigmoid)",
                "3 -> Dense(4, Sigmoid) -> Dense(1, Sigmoid) in the checkpoint, 3 -> Dense(5, Sigmoid) -> Dense(1, Sigmoid) in this run")]
    [InlineData("30", "40", "30 in the checkpoint, 40 in this run")]
    [InlineData("(missing)", "Single", "(missing) in the checkpoint, Single in this run")]
    // Unbalanced parentheses are not a list: shown whole.
    [InlineData("Epochs = 5, Schedule = Cosine(0.01", "Epochs = 5, Schedule = Cosine(0.02", "Epochs = 5, Schedule = Cosine(0.01 in the checkpoint, Epochs = 5, Schedule = Cosine(0.02 in this run")]
    public void Names_what_differs(string saved, string current, string expected)
        => Assert.Equal(expected, SettingDifferences.Describe(saved, current));
}

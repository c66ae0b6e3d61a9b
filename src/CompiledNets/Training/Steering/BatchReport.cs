namespace CompiledNets.Training;

/// <summary>One step of training, as <see cref="TrainingOptions.BatchEnded"/> sees it (a struct: nothing is allocated per step).</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Batch">1-based batch number within the epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Examples">Examples in this batch (the last one of an epoch may be short).</param>
/// <param name="Loss">Mean loss of the batch's examples, each measured just before this step's update.</param>
public readonly record struct BatchReport(int Epoch, int Batch, int Batches, int Examples, double Loss);

using CompiledNets;

namespace Samples.ConvDigits;

/// <summary>
/// A small convolutional network for 28 x 28 digits: 16 5x5 filters, 2x2 max pooling, 32 5x5 filters, 2x2 max pooling,
/// then a softmax over the 512 values left. Convolution finds the same stroke wherever it is in the image, which a
/// dense layer must learn once per position.
/// </summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
[Input(1, 28, 28)]                          // channels, height, width
[Conv2D(16, 5, Activation.Relu)]            // 16 x 24 x 24
[MaxPool2D(2)]                              // 16 x 12 x 12
[Conv2D(32, 5, Activation.Relu)]            // 32 x 8 x 8
[MaxPool2D(2)]                              // 32 x 4 x 4
[Flatten]                                   // 512
[Dense(10, Activation.Softmax)]
public partial class ConvDigitNet;

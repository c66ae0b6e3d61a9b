"""PyTorch's outputs, losses and gradients for the small conv net of ConvPyTorchTests.cs; writes torch_conv.json.

Run with Debian's PyTorch (apt-get install python3-torch): /usr/bin/python3 torch_conv.py
The network (PyTorch's default initialization, seed 0, float64) is the test's ConvAgreementNet:
  2x9x9 -> Conv2d(2, 4, 3, padding=1) tanh -> MaxPool2d(3, stride=2) -> Conv2d(4, 3, 2, stride=2) relu
        -> AvgPool2d(2) -> Flatten -> Linear(3, 5) -> softmax, cross-entropy.
Its state_dict, flattened in order, is the network's Parameters: PyTorch's layouts are the project's.
"""
import json
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Conv2d(2, 4, 3, padding=1), nn.Tanh(), nn.MaxPool2d(3, stride=2),
    nn.Conv2d(4, 3, 2, stride=2), nn.ReLU(), nn.AvgPool2d(2),
    nn.Flatten(), nn.Linear(3, 5)).double()

examples = []
for n in range(3):
    x = torch.rand(1, 2, 9, 9, dtype=torch.float64)
    label = n % 5
    model.zero_grad()
    logits = model(x)
    loss = nn.functional.cross_entropy(logits, torch.tensor([label]), reduction="sum")
    loss.backward()
    examples.append({
        "input": x.flatten().tolist(),
        "target": [1.0 if k == label else 0.0 for k in range(5)],
        "output": torch.softmax(logits, 1).flatten().tolist(),
        "loss": loss.item(),
        "gradient": torch.cat([p.grad.flatten() for p in model.parameters()]).tolist(),
    })

parameters = torch.cat([p.detach().flatten() for p in model.parameters()]).tolist()
with open("torch_conv.json", "w") as f:
    json.dump({"torch": torch.__version__, "parameters": parameters, "examples": examples}, f, indent=1)
print(f"{len(parameters)} parameters, {len(examples)} examples")

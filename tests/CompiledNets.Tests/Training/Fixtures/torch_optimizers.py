"""PyTorch's torch.optim on the three-step example of OptimizerPyTorchTests.cs; prints the C# table that test holds.

Run with Debian's PyTorch (apt-get install python3-torch): /usr/bin/python3 torch_optimizers.py
The parameters and the three gradients are fixed (the gradient does not depend on the parameters), so the
comparison isolates the update rule: weight decay and clipping are applied by PyTorch as in real training.
"""
import torch

START = [0.5, -1.25, 2.0, 0.0, -0.75]
GRADIENTS = [
    [0.3, -0.2, 1.5, 0.0, 0.01],
    [-0.1, -0.4, 1.0, 0.0, 0.02],
    [0.25, 0.05, -2.0, 0.0, -0.03],
]

# name, constructor, max gradient norm (None: no clipping)
CASES = [
    ("sgd", lambda p: torch.optim.SGD(p, lr=0.1), None),
    ("momentum", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9), None),
    ("nesterov", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True), None),
    ("momentum-decay", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, weight_decay=0.01), None),
    ("momentum-clip", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9), 0.5),
    ("adam", lambda p: torch.optim.Adam(p, lr=0.01), None),
    ("adam-decay", lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=0.01), None),
    ("adam-clip", lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.8, 0.99), eps=1e-6), 0.5),
    ("adamw", lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1), None),
]


def run(make, clip, dtype):
    w = torch.tensor(START, dtype=dtype, requires_grad=True)
    optimizer = make([w])
    for g in GRADIENTS:
        w.grad = torch.tensor(g, dtype=dtype)
        if clip is not None:
            torch.nn.utils.clip_grad_norm_([w], clip)
        optimizer.step()
    return w.detach().tolist()


def main():
    print(f"// torch {torch.__version__}: parameters after three steps, in float64 and in float32")
    for name, make, clip in CASES:
        doubles = ", ".join(repr(v) for v in run(make, clip, torch.float64))
        singles = ", ".join(repr(v) + "f" for v in run(make, clip, torch.float32))
        print(f'{{ "{name}", new double[] {{ {doubles} }}, new float[] {{ {singles} }} }},')


if __name__ == "__main__":
    main()

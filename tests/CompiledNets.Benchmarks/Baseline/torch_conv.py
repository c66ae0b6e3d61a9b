"""PyTorch's figures for issue 9's convolution rows (ConvBenchmarks), on this machine, on one thread: C1 is
conv(8, 5x5)-relu-maxpool2-flatten-dense10 and C2 the ConvDigits sample's network, on MNIST-shaped random data as the
suite's rows use. Prints one markdown table; each figure is the best of five timed rounds, after one warm-up round.
Install: apt-get install -y python3-torch python3-numpy; run with Debian's /usr/bin/python3.
Usage: python3 torch_conv.py"""
import time
import torch, torch.nn as nn, torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)

def c1():
    return nn.Sequential(nn.Conv2d(1, 8, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(8 * 12 * 12, 10))

def c2():
    return nn.Sequential(nn.Conv2d(1, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 5), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(32 * 4 * 4, 10))

X = torch.rand(256, 1, 28, 28)
Y = torch.randint(0, 10, (256,))

def best_seconds(work, rounds=5):
    work()  # warm-up
    times = []
    for _ in range(rounds):
        start = time.perf_counter(); work(); times.append(time.perf_counter() - start)
    return min(times)

def train(model, batch, momentum):
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=momentum)
    def epoch():
        for i in range(0, 256, batch):
            opt.zero_grad(); F.cross_entropy(model(X[i:i + batch]), Y[i:i + batch]).backward(); opt.step()
    return 256 / best_seconds(epoch)

def infer_one(model):
    x = X[:1]
    def calls():
        with torch.no_grad():
            for _ in range(256):
                model(x)
    return best_seconds(calls) / 256 * 1e6

def infer_batch(model):
    def call():
        with torch.no_grad():
            model(X)
    return 256 / best_seconds(call)

print(f"PyTorch {torch.__version__}, one thread")
print("| network | train batch 1 | train batch 32 (momentum) | infer batch 1 | infer batch 256 |")
print("|---|---:|---:|---:|---:|")
for name, make in (("C1", c1), ("C2", c2)):
    model = make()
    print(f"| {name} | {train(model, 1, 0.0):,.0f} ex/s | {train(model, 32, 0.9):,.0f} ex/s | "
          f"{infer_one(model):.1f} us | {infer_batch(model):,.0f} ex/s |")

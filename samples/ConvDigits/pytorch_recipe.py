"""PyTorch on the ConvDigits sample's default recipe: the same network and 8,000/2,000 split of the embedded digits,
SGD with momentum 0.9 at learning rate 0.03 on the trainer's per-epoch cosine schedule (down to 1% at the last epoch),
batches of 32, 20 epochs, each training image shifted by a random -2..2 pixels down and across with zeros filling in.
It shows what the recipe gives on its own, apart from the compiled code (README, Convolutional networks).
With a folder of MNIST-layout files (as the sample's --data takes), it trains on all of that folder's training set
and tests on its test set instead, e.g. /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist).
Install: apt-get install -y python3-torch python3-numpy; run with Debian's /usr/bin/python3.
Usage: /usr/bin/python3 samples/ConvDigits/pytorch_recipe.py [seed [data folder]]"""
import gzip, math, os, struct, sys, time
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F

DATA = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Digits", "data")
def idx(name):
    path = os.path.join(DATA, name)
    b = (open(path, "rb") if os.path.exists(path) else gzip.open(path + ".gz", "rb")).read()
    nd = struct.unpack(">I", b[:4])[0] & 0xFF
    dims = struct.unpack(">" + "I" * nd, b[4:4 + 4 * nd])
    return np.frombuffer(b, dtype=np.uint8, offset=4 + 4 * nd).reshape(dims)

def shifted(images, gen, most=2):
    """Each image moved by its own random (down, right) in -most..most, zeros where nothing moved in."""
    padded = F.pad(images, (most, most, most, most))
    out = torch.empty_like(images)
    moves = torch.randint(-most, most + 1, (len(images), 2), generator=gen)
    for k, (down, right) in enumerate(moves.tolist()):
        out[k] = padded[k, :, most - down:most - down + 28, most - right:most - right + 28]
    return out

torch.set_num_threads(1)
seed = int(sys.argv[1]) if len(sys.argv) > 1 else 0
def images(name): return torch.from_numpy(idx(name).astype(np.float32) / 255.0).reshape(-1, 1, 28, 28)
def labels(name): return torch.from_numpy(idx(name).astype(np.int64))
if len(sys.argv) > 2:  # a folder's own training and test sets
    X, Y = images("train-images-idx3-ubyte"), labels("train-labels-idx1-ubyte")
    X_test, Y_test = images("t10k-images-idx3-ubyte"), labels("t10k-labels-idx1-ubyte")
else:  # the embedded 10,000 digits: the first 8,000 train, the last 2,000 test
    X, Y = images("mnist-digits-10k-images-idx3-ubyte"), labels("mnist-digits-10k-labels-idx1-ubyte")
    X, Y, X_test, Y_test = X[:8000], Y[:8000], X[8000:], Y[8000:]
train_count = len(X)
torch.manual_seed(seed)
model = nn.Sequential(nn.Conv2d(1, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 5), nn.ReLU(),
                      nn.MaxPool2d(2), nn.Flatten(), nn.Linear(32 * 4 * 4, 10))
opt, bs, epochs, rate = torch.optim.SGD(model.parameters(), lr=0.03, momentum=0.9), 32, 20, 0.03
gen = torch.Generator().manual_seed(seed); start = time.perf_counter()
for epoch in range(epochs):
    # LearningRateSchedule.Cosine(0.01): full rate at the first epoch, 1% of it at the last.
    for group in opt.param_groups:
        group["lr"] = rate * (0.01 + 0.99 * 0.5 * (1 + math.cos(math.pi * epoch / (epochs - 1))))
    order = torch.randperm(train_count, generator=gen)
    for i in range(0, train_count, bs):
        batch = order[i:i + bs]
        opt.zero_grad(); F.cross_entropy(model(shifted(X[batch], gen)), Y[batch]).backward(); opt.step()
seconds = time.perf_counter() - start
with torch.no_grad():
    accuracy = float((model(X_test).argmax(1) == Y_test).float().mean())
print(f"recipe seed {seed}: test accuracy {accuracy * 100:.2f}%, training {seconds:.1f} s on one thread "
      f"({epochs * train_count / seconds:,.0f} examples/s)")

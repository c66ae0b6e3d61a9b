"""PyTorch reference for the digits samples: the same network and settings, on the same 8,000/2,000 split of the
10,000 MNIST digits embedded in samples/Digits/data. Prints test accuracy and training time on one thread; README's
Performance section sets these figures beside the samples' own, measured in alternating runs.
Install: apt-get install -y python3-torch python3-numpy libopenblas0-pthread; run with Debian's /usr/bin/python3.
Usage: /usr/bin/python3 tests/CompiledNets.Benchmarks/Baseline/torch_digits.py [sgd|adam|cnn] [seed] [data directory]
  A data directory in Debian's layout (train-images-idx3-ubyte.gz ..., as the Digits sample's --data reads it, e.g.
  /usr/share/datasets/fashion-mnist) trains on its training set and tests on its test set instead.
  sgd : 784-128(relu)-10, batch 16, SGD lr 0.05 momentum 0.9, 20 epochs (the digits sample's defaults)
  adam: 784-128(relu)-10, batch 32, Adam lr 1e-3, 20 epochs
  cnn : conv(16,5x5)-relu-maxpool2-conv(32,5x5)-relu-maxpool2-flatten-dense10, batch 32, SGD lr 0.01 momentum 0.9, 20 epochs"""
import gzip, os, struct, sys, time
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F

EMBEDDED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "samples", "Digits", "data")
def idx(directory, name):
    b = gzip.open(os.path.join(directory, name), "rb").read()
    nd = struct.unpack(">I", b[:4])[0] & 0xFF
    dims = struct.unpack(">" + "I" * nd, b[4:4 + 4 * nd])
    return np.frombuffer(b, dtype=np.uint8, offset=4 + 4 * nd).reshape(dims)

torch.set_num_threads(1)
mode = sys.argv[1] if len(sys.argv) > 1 else "sgd"; seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
if len(sys.argv) > 3:  # a directory's own training and test sets, one after the other
    images = [idx(sys.argv[3], f"{part}-images-idx3-ubyte.gz") for part in ("train", "t10k")]
    labels = [idx(sys.argv[3], f"{part}-labels-idx1-ubyte.gz") for part in ("train", "t10k")]
    X = torch.from_numpy(np.concatenate(images).astype(np.float32) / 255.0)
    Y = torch.from_numpy(np.concatenate(labels).astype(np.int64))
    TRAIN = len(images[0])
else:  # the embedded 10,000 digits: the first 8,000 train, the last 2,000 test
    X = torch.from_numpy(idx(EMBEDDED, "mnist-digits-10k-images-idx3-ubyte.gz").astype(np.float32) / 255.0)
    Y = torch.from_numpy(idx(EMBEDDED, "mnist-digits-10k-labels-idx1-ubyte.gz").astype(np.int64))
    TRAIN = 8000
torch.manual_seed(seed)
if mode == "cnn":
    X = X.reshape(-1, 1, 28, 28)
    model = nn.Sequential(nn.Conv2d(1, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 5), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(32 * 4 * 4, 10))
    opt, bs = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9), 32
else:
    X = X.reshape(-1, 784)
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    opt, bs = ((torch.optim.Adam(model.parameters(), lr=1e-3), 32) if mode == "adam"
               else (torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9), 16))
gen = torch.Generator().manual_seed(seed); start = time.perf_counter()
for epoch in range(20):
    order = torch.randperm(TRAIN, generator=gen)
    for i in range(0, TRAIN, bs):
        batch = order[i:i + bs]
        opt.zero_grad(); F.cross_entropy(model(X[batch]), Y[batch]).backward(); opt.step()
seconds = time.perf_counter() - start
with torch.no_grad():
    accuracy = float((model(X[TRAIN:]).argmax(1) == Y[TRAIN:]).float().mean())
print(f"{mode} seed {seed}: test accuracy {accuracy * 100:.2f}%, training {seconds:.1f} s on one thread "
      f"({20 * TRAIN / seconds:,.0f} examples/s)")

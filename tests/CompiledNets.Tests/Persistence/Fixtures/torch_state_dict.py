"""A 784-32-10 network trained in PyTorch on the embedded digits, saved as .npz and .safetensors for StateDictPyTorchTests.

Run with Debian's PyTorch (apt-get install python3-torch) from this folder: /usr/bin/python3 torch_state_dict.py
It writes:
  digits32.npz          numpy.savez of the state_dict (0.weight [32, 784], 0.bias [32], 2.weight [10, 32], 2.bias [10])
  digits32.safetensors  the same tensors in the .safetensors format; the `safetensors` package is not in Debian, so
                        save_safetensors below writes the format as its specification gives it (8-byte header length,
                        JSON header, data), tensors sorted by name as the reference implementation does
  digits32_fc.npz       the same tensors named as a model with attributes fc1 and fc2 would name them
  torch_state_dict.json the softmax outputs on test images 8000-8099 (the first 100 of the sample's test split)
Inputs are pixel / 255 in float32, as CompiledNets.Data.MnistDataset loads them.
"""
import gzip
import json
import struct

import numpy as np
import torch
from torch import nn

DATA = "../../../../samples/Digits/data/"


def idx(name):
    with gzip.open(DATA + name) as f:
        raw = f.read()
    dims = raw[3]
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


images = torch.tensor(idx("mnist-digits-10k-images-idx3-ubyte.gz").reshape(-1, 784), dtype=torch.float32) / 255
labels = torch.tensor(idx("mnist-digits-10k-labels-idx1-ubyte.gz"), dtype=torch.int64)

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(784, 32), nn.ReLU(), nn.Linear(32, 10))
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
for epoch in range(5):
    order = torch.randperm(8000)
    for start in range(0, 8000, 32):
        batch = order[start:start + 32]
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(images[batch]), labels[batch]).backward()
        optimizer.step()

with torch.no_grad():
    test = images[8000:8100]
    outputs = torch.softmax(model(test), 1)
    accuracy = (model(images[8000:]).argmax(1) == labels[8000:]).float().mean().item()

state = {name: tensor.detach().numpy() for name, tensor in model.state_dict().items()}
np.savez("digits32.npz", **state)
np.savez("digits32_fc.npz", **{name.replace("0.", "fc1.").replace("2.", "fc2."): value for name, value in state.items()})


def save_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name in sorted(tensors):
        blob = np.ascontiguousarray(tensors[name], dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


save_safetensors("digits32.safetensors", state)
with open("torch_state_dict.json", "w") as f:
    json.dump({"torch": torch.__version__, "numpy": np.__version__, "first_test_image": 8000,
               "test_accuracy": accuracy, "outputs": outputs.flatten().tolist()}, f, indent=1)
print(f"test accuracy {accuracy:.4f} on images 8000-9999; wrote digits32.npz, digits32_fc.npz, digits32.safetensors")

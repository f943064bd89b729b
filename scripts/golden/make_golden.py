#!/usr/bin/env python3
"""Writes the golden tensors of FaceNet's Inception-ResNet-v2 from TensorFlow/Keras.

Keras's own `InceptionResNetV2(include_top=False, weights=None, input_shape=(160,160,3))`
(an implementation of the backbone we did not write) plus FaceNet's head built
from Keras layers, loaded with the project's generated weights (numpy twin of
the Swift generator, seed 2018), run on two inputs. For every named layer of our
ledger it records shape, sum, sum of squares, min, max and the values at fixed
positions (every corner and edge midpoint, rows/columns next to the border, the
centre) for a fixed channel subset; whole tensors for Block8_10 and everything
after it, and for any layer of at most 2,048 values. Also one checksum per
weight tensor. See README.md beside this file and docs/golden-format.md.

Usage (from the repository root, in a venv with tensorflow-cpu and numpy):
    python scripts/golden/make_golden.py
"""

import argparse
import datetime
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import generated_weights as gw  # noqa: E402
import golden_format  # noqa: E402
import input_source  # noqa: E402
from facenet_layout import BOTTLENECK, OurLayer, Variable, ROOT, facenet_head, map_model  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(REPO, "Tests", "Golden", "inception-resnet-v2-160.golden")
INPUT_SIZE = 160
CHANNEL_SUBSET = 32
WHOLE_LIMIT = 2048
WHOLE_FROM = "Block8_10/"  # this layer's sub-layers and everything after are stored whole


def asymmetric_image(size=INPUT_SIZE) -> np.ndarray:
    """A second input with no symmetry: integer pixels 0..255, standardised (x - 127.5) / 128."""
    y, x = np.mgrid[0:size, 0:size].astype(np.float64)
    r = 255.0 * x / (size - 1)                                                  # left-to-right ramp
    g = 127.5 + 127.5 * np.sin(0.13 * x + 0.004 * y * y + 0.5)                 # bent stripes
    disc = (x - 0.7 * size) ** 2 + (y - 0.3 * size) ** 2 < (0.18 * size) ** 2  # off-centre disc
    b = np.where(disc, 235.0, 20.0 + 0.9 * y)
    b[: size // 8, : size // 5] = 255.0                                         # a bright patch at the top-left
    pixels = np.clip(np.rint(np.stack([r, g, b], axis=-1)), 0, 255)
    standardised = ((pixels - 127.5) / 128.0).astype(np.float32)               # exact in float32
    return standardised[None]


def builtin_image(size=INPUT_SIZE) -> np.ndarray:
    """numpy twin of the Swift `SyntheticImage.make(size:)` (module ModelData), written from its
    documentation: integer pixels, fixed standardisation (x - 127.5) / 128 (exact in float32)."""
    y, x = np.mgrid[0:size, 0:size]
    frame = max(1, size // 32)
    denominator = max(size - 1, 1)

    def inside(i, a, b):  # a% <= i < b% of the side
        return (a * size <= 100 * i) & (100 * i < b * size)

    r, g, b = 255 * x // denominator, 255 * y // denominator, np.full((size, size), 64)
    black = (inside(x, 20, 28) & inside(y, 20, 70)) | (inside(x, 20, 50) & inside(y, 20, 28)) | (inside(x, 20, 42) & inside(y, 42, 50))
    blue = inside(x, 70, 80) & inside(y, 75, 85)
    white = (y < frame) | (y >= size - frame) | (x < frame) | (x >= size - frame)
    pixels = np.stack([r, g, b], axis=-1)
    pixels[black] = (0, 0, 0)
    pixels[blue] = (0, 0, 255)
    pixels[white] = (255, 255, 255)
    return ((pixels.astype(np.float64) - 127.5) / 128.0).astype(np.float32)[None]


def load_builtin(path) -> np.ndarray:
    image = np.load(path)
    if image.ndim == 3:
        image = image[None]
    if image.shape != (1, INPUT_SIZE, INPUT_SIZE, 3) or image.dtype != np.float32:
        sys.exit(f"{path}: expected float32 [1,{INPUT_SIZE},{INPUT_SIZE},3], got {image.dtype} {list(image.shape)}")
    return image


def build(seed):
    import keras
    import tensorflow as tf

    backbone = keras.applications.InceptionResNetV2(include_top=False, weights=None, input_shape=(INPUT_SIZE, INPUT_SIZE, 3))
    assert backbone.count_params() == 54_336_736, backbone.count_params()
    layers = map_model(backbone)

    # FaceNet's head, from Keras layers.
    x = backbone.output
    pool, flatten, dropout, dense, bn, l2 = facenet_head(keras, tf, x)
    head = [pool(x)]
    for layer in (flatten, dropout, dense, bn, l2):
        head.append(layer(head[-1]))
    scope = f"{ROOT}/Bottleneck"
    layers += [
        OurLayer("Logits/AvgPool_1a_8x8", "avgpool", pool),
        OurLayer("Logits/Flatten", "flatten", flatten),
        OurLayer("Logits/Dropout", "dropout", dropout),
        OurLayer("Bottleneck", "fc", bn, [
            Variable(f"{scope}/weights", "weights/linear", dense.kernel),
            Variable(f"{scope}/BatchNorm/beta", "BatchNorm/beta", bn.beta),
            Variable(f"{scope}/BatchNorm/moving_mean", "BatchNorm/moving_mean", bn.moving_mean),
            Variable(f"{scope}/BatchNorm/moving_variance", "BatchNorm/moving_variance", bn.moving_variance),
        ]),
        OurLayer("Embedding", "l2norm", l2),
    ]
    model = keras.Model(backbone.input, [layer.keras_layer.output for layer in layers[1:]])

    weights = []
    for layer in layers:
        for variable in layer.variables:
            values = gw.generate(variable.name, variable.shape, variable.role, seed)
            variable.keras.assign(values)
            stored = np.asarray(variable.keras.numpy(), dtype=np.float32)
            assert stored.tobytes() == values.tobytes(), f"Keras did not store {variable.name} exactly"
            weights.append({
                "name": variable.name,
                "shape": list(variable.shape),
                "role": variable.role,
                "keras": variable.keras.path if hasattr(variable.keras, "path") else variable.keras.name,
                "checksum": f"0x{gw.checksum(values):016x}",
                "sum": float(np.sum(values, dtype=np.float64)),
                "first": [float(v) for v in values.reshape(-1)[:4]],
            })
    assert sum(int(np.prod(w["shape"])) for w in weights) == model.count_params()
    return model, layers, weights


def positions(extent):
    """0, 1, the middle, extent-2, extent-1: corners, edges and the rows/columns next to them."""
    return sorted({p for p in (0, 1, extent // 2, extent - 2, extent - 1) if 0 <= p < extent})


def channel_subset(channels):
    if channels <= CHANNEL_SUBSET:
        return list(range(channels))
    return sorted({round(j * (channels - 1) / (CHANNEL_SUBSET - 1)) for j in range(CHANNEL_SUBSET)})


def record(name, tensor, whole, blob):
    t = np.asarray(tensor, dtype=np.float32)[0]  # drop the batch
    t64 = t.astype(np.float64)
    entry = {
        "name": name,
        "shape": list(t.shape),
        "sum": float(t64.sum()),
        "sum_squares": float((t64 * t64).sum()),
        "min": float(t.min()),
        "max": float(t.max()),
        "whole": bool(whole),
    }
    if whole:
        entry.update(blob.add(t))
    elif t.ndim == 3:
        rows, cols, chans = positions(t.shape[0]), positions(t.shape[1]), channel_subset(t.shape[2])
        entry.update({"rows": rows, "cols": cols, "channels": chans})
        entry.update(blob.add(t[np.ix_(rows, cols, chans)]))
    else:
        chans = channel_subset(t.shape[0])
        entry.update({"channels": chans})
        entry.update(blob.add(t[chans]))
    return entry


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--builtin-input", help="the built-in image as .npy (e.g. from `explore run --save DIR --layers inputs`), "
                        "checked against and used instead of the numpy twin of SyntheticImage")
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=gw.DEFAULT_SEED)
    args = parser.parse_args()

    import keras
    import tensorflow as tf

    model, layers, weights = build(args.seed)
    given = load_builtin(args.builtin_input) if args.builtin_input else None
    try:
        builtin, builtin_from = input_source.builtin_source(builtin_image(), given, args.builtin_input)
    except input_source.SourceMismatch as error:
        sys.exit(f"make_golden: {error}")
    asymmetric = asymmetric_image()
    inputs = [
        ("builtin", "the built-in synthetic image, SyntheticImage.make(size: 160): gradient, white frame, letter F, blue square",
         builtin, builtin_from),
        ("asymmetric", "scripts/golden/make_golden.py asymmetric_image(): ramp, bent stripes, off-centre disc, top-left patch",
         asymmetric, input_source.generated_source("make_golden.asymmetric_image()", asymmetric)),
    ]

    first_whole = next(i for i, layer in enumerate(layers) if layer.name.startswith(WHOLE_FROM))
    blob = golden_format.Blob()
    records = []
    for input_name, description, image, source in inputs:
        outputs = model(image, training=False)
        tensors = [image] + [np.asarray(o) for o in outputs]
        layer_records = []
        for index, (layer, tensor) in enumerate(zip(layers, tensors)):
            whole = index >= first_whole or tensor.size <= WHOLE_LIMIT
            layer_records.append(record(layer.name, tensor, whole, blob))
        embedding = tensors[-1][0]
        print(f"{input_name}: {len(layer_records)} layers, embedding norm {np.linalg.norm(embedding):.6f}, "
              f"Conv2d_7b_1x1 mean {tensors[-6].mean():.6f}", file=sys.stderr)
        records.append({"name": input_name, "description": description, "source": source, "tensor": {"shape": list(image.shape), **blob.add(image)}, "layers": layer_records})

    header = {
        "format": "inception-explorer-golden",
        "version": golden_format.VERSION,
        "generator": "scripts/golden/make_golden.py",
        "created": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "numpy": np.__version__,
        "network": {"input_size": INPUT_SIZE, "bottleneck": BOTTLENECK},
        "weights_seed": args.seed,
        "weights": weights,
        "inputs": records,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    golden_format.write(args.out, header, blob)
    header2, blob2 = golden_format.read(args.out)  # round trip
    assert header2["inputs"][0]["layers"][-1]["name"] == "Embedding"
    print(f"wrote {args.out}: {os.path.getsize(args.out):,} bytes, {len(weights)} weight tensors, "
          f"{len(records)} inputs x {len(layers)} layers", file=sys.stderr)


if __name__ == "__main__":
    main()

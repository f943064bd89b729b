"""Writes TensorFlow's own outputs for a few dilated convolutions (TF-Slim's `rate`).

The explorer computes dilated convolutions itself (`--dilation`, `--output-stride 8`);
these files are the independent reference its tests compare with. For each case the
script draws a small input and HWIO weights from a fixed numpy seed, runs
`tf.nn.conv2d(..., strides=1, padding, dilations=rate)` and saves three float32 .npy
files: `<case>.input.npy` `[1, H, W, C]`, `<case>.weights.npy` `[kh, kw, C, F]` and
`<case>.output.npy` `[1, OH, OW, F]`, plus `cases.txt` (one line per case:
`name padding rate_h rate_w`).

The cases cover the ways the explorer reads a dilated window: taps spread along the
width (1x7, im2col), along the height with many channels (7x1 on 64, read in place),
a square kernel dilated on both axes or along one (in place when only the rows spread), an even kernel whose SAME padding is odd (the extra
pixel goes bottom/right), and VALID.

Usage (in the golden virtualenv, see README.md):
    python scripts/golden/make_dilated_reference.py [--out Tests/Golden/dilated]
"""

import argparse
import os

import numpy as np
import tensorflow as tf

# name, input [H, W, C], kernel [kh, kw], filters, padding, rate (h, w)
CASES = [
    ("row_1x7_rate2_same", (5, 9, 3), (1, 7), 2, "SAME", (2, 2)),
    ("column_7x1_rate2_same_64", (8, 3, 64), (7, 1), 2, "SAME", (2, 2)),
    ("square_3x3_rate2_same", (7, 8, 5), (3, 3), 3, "SAME", (2, 2)),
    ("even_2x2_rate3_same", (6, 7, 2), (2, 2), 2, "SAME", (3, 3)),
    ("square_3x3_rate2_valid", (7, 8, 5), (3, 3), 3, "VALID", (2, 2)),
    ("mixed_3x3_rate1x3_same", (6, 9, 4), (3, 3), 2, "SAME", (1, 3)),
    ("mixed_3x3_rate2x1_same_24", (6, 5, 24), (3, 3), 2, "SAME", (2, 1)),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "Golden", "dilated"))
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    lines = []
    for name, (h, w, c), (kh, kw), filters, padding, (rh, rw) in CASES:
        x = rng.uniform(-1, 1, size=(1, h, w, c)).astype(np.float32)
        k = rng.uniform(-1, 1, size=(kh, kw, c, filters)).astype(np.float32)
        y = tf.nn.conv2d(x, k, strides=1, padding=padding, dilations=[1, rh, rw, 1]).numpy().astype(np.float32)
        for part, array in (("input", x), ("weights", k), ("output", y)):
            np.save(os.path.join(args.out, f"{name}.{part}.npy"), array)
        lines.append(f"{name} {padding} {rh} {rw}")
        print(f"{name}: input {x.shape}, weights {k.shape}, {padding}, rate {rh}x{rw} -> {y.shape}")
    with open(os.path.join(args.out, "cases.txt"), "w") as f:
        f.write(f"# tensorflow {tf.__version__}, numpy {np.__version__}, seed {args.seed}\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Convert Keras's InceptionResNetV2 ImageNet weights to FaceNet's names, for `--weights`.

Keras keeps the published file in ~/.keras/models, e.g.
inception_resnet_v2_weights_tf_dim_ordering_tf_kernels_notop.h5 (Keras 2 "legacy"
HDF5 layout: the root's `layer_names` attribute, one group per layer whose
`weight_names` attribute lists its datasets). The backbone (stem to Conv2d_7b_1x1)
is the same network as FaceNet's; only the names differ. This script renames
every backbone variable and writes a float32 .safetensors file that
`explore ... --weights FILE` loads. FaceNet's head (the Bottleneck layer) has no
ImageNet counterpart: its four variables are the explorer's seeded random,
untrained ones (scripts/golden/generated_weights.py, seed 2018), and the script
says so. The embedding is therefore not a trained face embedding; the feature
maps of the backbone are trained ImageNet features.

How Keras's names map: `conv2d_bn` in Keras's source makes an auto-numbered
Conv2D (no bias) and BatchNormalization (no gamma) in the order FaceNet declares
its branches, so the k-th `conv2d_N` by number is the k-th FaceNet branch or stem
convolution (checked against its kernel size and filter count, so a different
file fails loudly); the block up projections are named `block35_N_conv` and so
on, and the last convolution `conv_7b` / `conv_7b_bn`. The layer list itself is
the golden generator's (scripts/golden/facenet_layout.py).

    pip install h5py numpy
    python3 scripts/keras_to_facenet.py ~/.keras/models/inception_resnet_v2_weights_tf_dim_ordering_tf_kernels_notop.h5 imagenet.safetensors
    explore step Conv2d_2b_3x3 --weights imagenet.safetensors --input face.jpg
"""

import argparse
import json
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden"))
from facenet_layout import BRANCHES, RESIDUAL, ROOT, STEM, ConvSpec  # noqa: E402
import generated_weights  # noqa: E402

BOTTLENECK = 1024
BACKBONE_OUT = 1536


class ConversionError(Exception):
    pass


def facenet_units():
    """FaceNet's convolutions in Keras's creation order: (scope, spec or None, keras name or None).

    Branch/stem convolutions carry their spec (matched to the next auto-numbered Keras
    conv); up projections and conv_7b carry the Keras layer name they have.
    """
    units = [(f"{ROOT}/{s.name}", s, None) for s in STEM if isinstance(s, ConvSpec)]

    def branches(kind, scope):
        for b, specs in enumerate(BRANCHES[kind]):
            for s in specs:
                if isinstance(s, ConvSpec):
                    units.append((f"{scope}/Branch_{b}/{s.name}", s, None))

    def residual(kind):
        count, _, repeat, _, _ = RESIDUAL[kind]
        for n in range(1, count + 1):
            final = kind == "block8" and n == count
            scope = f"{ROOT}/Block8" if final else f"{ROOT}/{repeat}/{kind}_{n}"
            branches(kind, scope)
            units.append((f"{scope}/Conv2d_1x1", None, f"{kind}_{n}_conv"))

    branches("Mixed_5b", f"{ROOT}/Mixed_5b")
    residual("block35")
    branches("Mixed_6a", f"{ROOT}/Mixed_6a")
    residual("block17")
    branches("Mixed_7a", f"{ROOT}/Mixed_7a")
    residual("block8")
    units.append((f"{ROOT}/Conv2d_7b_1x1", ConvSpec("Conv2d_7b_1x1", BACKBONE_OUT, (1, 1)), "conv_7b"))
    return units


def _number(name, prefix):
    """`conv2d` -> 0, `conv2d_12` -> 12; None for other names."""
    match = re.fullmatch(re.escape(prefix) + r"(?:_(\d+))?", name)
    return None if match is None else int(match.group(1) or 0)


def read_layers(h5):
    """{layer name: {weight suffix ('kernel', 'bias', 'beta', ...): array}} of a Keras 2 HDF5 file."""
    root = h5["model_weights"] if "model_weights" in h5 else h5
    if "layer_names" not in root.attrs:
        raise ConversionError("not a Keras 2 HDF5 weights file: no 'layer_names' attribute (save with model.save_weights('x.h5') in Keras 2, or use Keras's published file)")
    layers = {}
    for raw in root.attrs["layer_names"]:
        name = raw.decode() if isinstance(raw, bytes) else str(raw)
        group = root[name]
        weights = {}
        for wraw in group.attrs.get("weight_names", []):
            wname = wraw.decode() if isinstance(wraw, bytes) else str(wraw)
            suffix = wname.split("/")[-1].split(":")[0]
            weights[suffix] = np.asarray(group[wname], dtype=np.float32)
        if weights:
            layers[name] = weights
    return layers


def convert(layers, seed=generated_weights.DEFAULT_SEED):
    """{FaceNet variable name: float32 array} for the backbone, plus the generated head."""
    convs = sorted((n for n in layers if _number(n, "conv2d") is not None), key=lambda n: _number(n, "conv2d"))
    norms = sorted((n for n in layers if _number(n, "batch_normalization") is not None), key=lambda n: _number(n, "batch_normalization"))
    units = facenet_units()
    numbered = [u for u in units if u[2] is None]
    if len(convs) != len(numbered) or len(norms) != len(numbered):
        raise ConversionError(f"expected {len(numbered)} auto-named conv2d and batch_normalization layers, found {len(convs)} and {len(norms)}")
    out = {}
    pairs = iter(zip(convs, norms))
    for scope, spec, keras_name in units:
        if keras_name is not None and keras_name.endswith("_conv"):
            layer = layers.get(keras_name)
            if layer is None or set(layer) != {"kernel", "bias"}:
                raise ConversionError(f"{keras_name}: expected a 1x1 convolution with kernel and bias")
            out[f"{scope}/weights"] = layer["kernel"]
            out[f"{scope}/biases"] = layer["bias"]
            continue
        if keras_name is None:
            conv_name, bn_name = next(pairs)
        else:
            conv_name, bn_name = keras_name, keras_name + "_bn"
        conv, bn = layers.get(conv_name), layers.get(bn_name)
        if conv is None or bn is None:
            raise ConversionError(f"{scope}: Keras layers {conv_name} / {bn_name} are missing")
        kernel = conv.get("kernel")
        if kernel is None or "bias" in conv or kernel.shape[:2] != tuple(spec.kernel) or kernel.shape[3] != spec.filters:
            raise ConversionError(f"{conv_name}: shape {None if kernel is None else kernel.shape} is not FaceNet's {scope} ({spec.kernel}, {spec.filters} filters, no bias)")
        missing = {"beta", "moving_mean", "moving_variance"} - set(bn)
        if missing or "gamma" in bn:
            raise ConversionError(f"{bn_name}: expected beta, moving_mean, moving_variance and no gamma")
        out[f"{scope}/weights"] = kernel
        for part in ("beta", "moving_mean", "moving_variance"):
            out[f"{scope}/BatchNorm/{part}"] = bn[part]
    head = f"{ROOT}/Bottleneck"
    g = generated_weights
    out[f"{head}/weights"] = g.generate(f"{head}/weights", (BACKBONE_OUT, BOTTLENECK), g.LINEAR_WEIGHTS, seed)
    for part, role in (("beta", g.BETA), ("moving_mean", g.MOVING_MEAN), ("moving_variance", g.MOVING_VARIANCE)):
        out[f"{head}/BatchNorm/{part}"] = g.generate(f"{head}/BatchNorm/{part}", (BOTTLENECK,), role, seed)
    return out


def write_safetensors(tensors, path, force=False):
    """F32 tensors, in the given order, to a .safetensors file (written aside, then renamed)."""
    if os.path.exists(path) and not force:
        raise ConversionError(f"'{path}' exists: add --force to replace it")
    header, offset, blobs = {}, 0, []
    for name, value in tensors.items():
        data = np.ascontiguousarray(value, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(value.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    temporary = path + ".partial"
    with open(temporary, "wb") as f:
        f.write(len(text).to_bytes(8, "little"))
        f.write(text)
        for blob in blobs:
            f.write(blob)
    os.replace(temporary, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Keras InceptionResNetV2 ImageNet .h5 -> FaceNet-named .safetensors for explore --weights.")
    parser.add_argument("h5", help="Keras's weights file, e.g. ~/.keras/models/inception_resnet_v2_weights_tf_dim_ordering_tf_kernels_notop.h5")
    parser.add_argument("out", help="the .safetensors file to write")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    args = parser.parse_args(argv)
    try:
        import h5py
    except ImportError:
        print("keras_to_facenet: needs h5py (pip install h5py)", file=sys.stderr)
        return 1
    try:
        with h5py.File(args.h5, "r") as h5:
            tensors = convert(read_layers(h5))
        write_safetensors(tensors, args.out, args.force)
    except (ConversionError, OSError) as error:
        print(f"keras_to_facenet: {error}", file=sys.stderr)
        return 1
    backbone = len(tensors) - 4
    print(f"wrote {args.out}: {backbone} backbone tensors renamed from {args.h5} (trained, if it is Keras's ImageNet file), "
          f"and the 4 Bottleneck tensors seeded random (seed {generated_weights.DEFAULT_SEED}, untrained): "
          "the feature maps are trained, the embedding is not a face embedding")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Keras round trip of the weights converter (pytest; runs only where TensorFlow is installed).

An InceptionResNetV2 backbone with seeded random weights (moving statistics included) is
saved by Keras in the legacy HDF5 layout that ~/.keras/models uses, converted by
scripts/keras_to_facenet.py, loaded by `explore run --weights`, and every backbone layer
explore saves is compared with Keras's own forward pass on the same input tensor, within
the golden tolerance (|a - b| <= 5e-5 * rms(ref) + 1e-4 * |ref|).

    EXPLORE=.build/release/explore python3 -m pytest -q -s scripts/tests/test_keras_round_trip.py
"""

import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

tf = pytest.importorskip("tensorflow", reason="TensorFlow is not installed: the Keras round trip is skipped "
                                              "(the name mapping is still tested by test_keras_to_facenet.py)")
keras = pytest.importorskip("keras")
h5py = pytest.importorskip("h5py")

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "golden"))
from facenet_layout import map_model  # noqa: E402

EXPLORE = os.environ.get("EXPLORE", str(ROOT / ".build" / "release" / "explore"))
SIZE = 160


def random_backbone(seed=2026):
    """Keras's backbone with every variable drawn from a seeded generator (variances positive)."""
    model = keras.applications.InceptionResNetV2(include_top=False, weights=None, input_shape=(SIZE, SIZE, 3))
    rng = np.random.default_rng(seed)
    for variable in model.weights:
        shape, name = tuple(variable.shape), variable.path
        if "moving_variance" in name:
            values = rng.uniform(0.5, 1.5, shape)
        elif "moving_mean" in name or "beta" in name or "bias" in name:
            values = rng.normal(0, 0.1, shape)
        else:
            fan_in = int(np.prod(shape[:-1])) or 1
            values = rng.normal(0, 1 / np.sqrt(fan_in), shape)
        variable.assign(values.astype(np.float32))
    return model


def save_legacy_h5(model, path):
    """The HDF5 layout Keras keeps its published weights in (`layer_names`, `weight_names`)."""
    from keras.src.legacy.saving import legacy_h5_format
    with h5py.File(path, "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, model)


def test_converted_weights_reproduce_keras_layer_by_layer(tmp_path):
    if not os.access(EXPLORE, os.X_OK):
        pytest.skip(f"no explore binary at {EXPLORE} (build it, or set EXPLORE)")
    model = random_backbone()
    h5 = tmp_path / "random.h5"
    save_legacy_h5(model, h5)
    converted = tmp_path / "converted.safetensors"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "keras_to_facenet.py"), str(h5), str(converted)], check=True)

    layers = map_model(model)
    names = [layer.name for layer in layers[1:]]
    saved = tmp_path / "acts"
    subprocess.run([EXPLORE, "run", "--weights", str(converted), "--save", str(saved),
                    "--layers", ",".join(["inputs"] + names)], check=True, capture_output=True, text=True)
    image = np.load(saved / "inputs.npy")
    outputs = keras.Model(model.input, [layer.keras_layer.output for layer in layers[1:]])(image, training=False)

    worst = (0.0, "")
    failures = []
    for name, reference in zip(names, outputs):
        reference = np.asarray(reference)
        ours = np.load(saved / f"{name}.npy")
        assert ours.shape == reference.shape, f"{name}: {ours.shape} vs {reference.shape}"
        rms = float(np.sqrt(np.mean(reference.astype(np.float64) ** 2)))
        error = np.abs(ours - reference)
        allowed = 5e-5 * rms + 1e-4 * np.abs(reference)
        relative = float((error / (np.abs(reference) + rms)).max())
        worst = max(worst, (relative, name))
        if (error > allowed).any():
            failures.append(f"{name}: {(error > allowed).sum()} values off, max abs {error.max():.3g}")
    print(f"keras round trip: {len(names)} backbone layers compared; worst relative error {worst[0]:.2e} at {worst[1]}")
    assert not failures, "; ".join(failures[:5])

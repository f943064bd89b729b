"""The converter's name mapping on an .h5 written with h5py alone (no TensorFlow), in
Keras 2's HDF5 layout with the published file's numbering (conv2d_1 ..) and layers
listed out of creation order, as Keras lists a functional model's layers by depth."""

import json
import os
import random
import sys

import numpy as np
import pytest

h5py = pytest.importorskip("h5py")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import keras_to_facenet as k  # noqa: E402


def keras_layers():
    """{keras layer: {suffix: array}} as Keras's conv2d_bn would name them; each value is
    tagged with its layer's creation index so the test can tell where it went."""
    layers, number = {}, 0
    for index, (scope, spec, name) in enumerate(k.facenet_units()):
        if name is not None and name.endswith("_conv"):
            layers[name] = {"kernel": np.full((1, 1, 2, 3), index, np.float32), "bias": np.full((3,), index, np.float32)}
            continue
        kh, kw = spec.kernel
        if name is None:
            number += 1
            conv, bn = f"conv2d_{number}", f"batch_normalization_{number}"
        else:
            conv, bn = name, name + "_bn"
        layers[conv] = {"kernel": np.full((kh, kw, 1, spec.filters), index, np.float32)}
        layers[bn] = {part: np.full((spec.filters,), index + 0.5, np.float32) for part in ("beta", "moving_mean", "moving_variance")}
    return layers


def write_h5(path, layers, order):
    with h5py.File(path, "w") as f:
        f.attrs["layer_names"] = [n.encode() for n in order]
        f.attrs["backend"] = b"tensorflow"
        for name in order:
            group = f.create_group(name)
            names = [f"{name}/{suffix}:0" for suffix in layers[name]]
            group.attrs["weight_names"] = [n.encode() for n in names]
            for wname, value in zip(names, layers[name].values()):
                group.create_dataset(wname, data=value)


def test_every_backbone_variable_gets_its_facenet_name(tmp_path):
    layers = keras_layers()
    order = list(layers) + ["input_1", "max_pooling2d_1"]
    random.Random(7).shuffle(order)
    for extra in ("input_1", "max_pooling2d_1"):
        layers[extra] = {}
    path = tmp_path / "keras.h5"
    write_h5(path, layers, order)
    with h5py.File(path, "r") as f:
        tensors = k.convert(k.read_layers(f))
    units = k.facenet_units()
    # 203 branch/stem units x 4 + 40 up projections x 2 + conv_7b x 4 + the head's 4.
    assert len(tensors) == 203 * 4 + 40 * 2 + 4 + 4
    for index, (scope, spec, name) in enumerate(units):
        assert float(tensors[f"{scope}/weights"].flat[0]) == index, scope
        if name is None or not name.endswith("_conv"):
            assert float(tensors[f"{scope}/BatchNorm/moving_variance"].flat[0]) == index + 0.5, scope
    assert tensors["InceptionResnetV2/Mixed_6a/Branch_1/Conv2d_0b_3x3/weights"].shape == (3, 3, 1, 256)
    assert "InceptionResnetV2/Repeat_1/block17_20/Conv2d_1x1/biases" in tensors
    assert "InceptionResnetV2/Block8/Conv2d_1x1/weights" in tensors
    # The head is the explorer's generated one, bit for bit.
    head = tensors["InceptionResnetV2/Bottleneck/BatchNorm/moving_variance"]
    g = k.generated_weights
    assert np.array_equal(head, g.generate("InceptionResnetV2/Bottleneck/BatchNorm/moving_variance", (1024,), g.MOVING_VARIANCE))


def test_safetensors_file_is_well_formed_and_never_overwritten(tmp_path):
    tensors = {"a/weights": np.arange(6, dtype=np.float32).reshape(2, 3), "b": np.ones(3, np.float32)}
    path = str(tmp_path / "out.safetensors")
    k.write_safetensors(tensors, path)
    data = open(path, "rb").read()
    size = int.from_bytes(data[:8], "little")
    header = json.loads(data[8:8 + size])
    assert header["a/weights"] == {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}
    assert np.array_equal(np.frombuffer(data[8 + size + 24:], "<f4"), np.ones(3))
    with pytest.raises(k.ConversionError, match="exists"):
        k.write_safetensors(tensors, path)


def test_a_file_of_another_network_fails_in_one_line(tmp_path):
    layers = keras_layers()
    layers["conv2d_1"]["kernel"] = np.zeros((5, 5, 1, 32), np.float32)  # not Conv2d_1a_3x3's 3x3
    path = tmp_path / "other.h5"
    write_h5(path, layers, list(layers))
    with h5py.File(path, "r") as f, pytest.raises(k.ConversionError, match="conv2d_1: shape"):
        k.convert(k.read_layers(f))


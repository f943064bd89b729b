"""The golden generator refuses to record another image as the built-in one (pytest)."""

import numpy as np
import pytest

from input_source import SourceMismatch, builtin_source, digest, generated_source


def twin():
    return np.linspace(-1, 1, 4 * 4 * 3, dtype=np.float32).reshape(1, 4, 4, 3)


def test_the_twin_is_recorded_with_its_digest():
    image, source = builtin_source(twin())
    assert source["kind"] == "numpy-twin"
    assert source["sha256"] == digest(image)


def test_an_identical_file_is_recorded_as_a_checked_file():
    image, source = builtin_source(twin(), twin().copy(), "inputs.npy")
    assert source["kind"] == "file" and source["path"] == "inputs.npy"
    assert source["sha256"] == digest(twin())


def test_a_file_one_value_off_is_refused_with_the_difference():
    given = twin().copy()
    given[0, 3, 3, 2] += 0.5
    with pytest.raises(SourceMismatch, match=r"inputs.npy: not the built-in image.*max \|d\| 0.5"):
        builtin_source(twin(), given, "inputs.npy")


def test_a_file_of_another_shape_is_refused():
    with pytest.raises(SourceMismatch, match="shape"):
        builtin_source(twin(), np.zeros((1, 5, 5, 3), np.float32), "small.npy")


def test_generated_inputs_name_their_function():
    assert generated_source("asymmetric_image()", twin())["by"] == "asymmetric_image()"

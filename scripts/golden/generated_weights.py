"""numpy twin of the Swift `GeneratedWeights` (module ModelData).

Written from the spec in docs/generated-weights.md; it must
match the Swift generator bit for bit. `make_golden.py` records a checksum of
every tensor it produces, and `explore verify` compares them with the Swift
generator's tensors before it looks at any activation, so a drift between the
two is reported as "weights differ", not as a computation error.
"""

import numpy as np

DEFAULT_SEED = 2018

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_MASK = (1 << 64) - 1


def fnv1a64(text: str) -> int:
    """FNV-1a 64-bit of the UTF-8 bytes of `text`."""
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h ^= byte
        h = (h * 0x100000001B3) & _MASK
    return h


def _finalize(z: np.ndarray) -> np.ndarray:
    """SplitMix64's output function on a uint64 array (wrapping arithmetic)."""
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    return z ^ (z >> np.uint64(31))


def uniform(name: str, count: int, seed: int = DEFAULT_SEED) -> np.ndarray:
    """The `count` float32 values v in [-1, 1) of variable `name` (before the role's scale)."""
    with np.errstate(over="ignore"):
        base = np.uint64(((seed * 0x9E3779B97F4A7C15) & _MASK) ^ fnv1a64(name))
        i = np.arange(count, dtype=np.uint64)
        z = base + (i + np.uint64(1)) * _GOLDEN
        z = _finalize(z)
    top24 = (z >> np.uint64(40)).astype(np.float32)  # exact: at most 24 bits
    return top24 * np.float32(2.0 ** -23) - np.float32(1.0)


def uniform_scalar_reference(name: str, i: int, seed: int = DEFAULT_SEED) -> float:
    """Element i of `uniform`, with Python integers only (a check on the numpy version)."""
    base = ((seed * 0x9E3779B97F4A7C15) & _MASK) ^ fnv1a64(name)
    z = (base + (i + 1) * 0x9E3779B97F4A7C15) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    z = z ^ (z >> 31)
    return (z >> 40) * 2.0 ** -23 - 1.0  # exact in float64 too


# Roles, as in the Swift `WeightRole` raw values (the variable name's suffix).
RELU_WEIGHTS = "weights/relu"      # stem and branch convolutions, Conv2d_7b_1x1
LINEAR_WEIGHTS = "weights/linear"  # block up projections Conv2d_1x1, Bottleneck
BIASES = "biases"
BETA = "BatchNorm/beta"
MOVING_MEAN = "BatchNorm/moving_mean"
MOVING_VARIANCE = "BatchNorm/moving_variance"


def fan_in(shape) -> int:
    """kh*kw*cin for HWIO convolution weights, `in` for fully connected [in, out]."""
    if len(shape) == 4:
        return shape[0] * shape[1] * shape[2]
    if len(shape) == 2:
        return shape[0]
    raise ValueError(f"weights of shape {shape} have no fan-in")


def generate(name: str, shape, role: str, seed: int = DEFAULT_SEED) -> np.ndarray:
    """The variable `name` of `shape` (row-major), as the Swift generator makes it."""
    count = int(np.prod(shape)) if len(shape) else 1
    v = uniform(name, count, seed)
    if role == RELU_WEIGHTS:
        scale = np.float32(np.sqrt(6.0 / fan_in(shape)))  # float64, rounded once
        values = v * scale
    elif role == LINEAR_WEIGHTS:
        scale = np.float32(np.sqrt(3.0 / fan_in(shape)))
        values = v * scale
    elif role in (BIASES, BETA, MOVING_MEAN):
        values = v * np.float32(0.1)
    elif role == MOVING_VARIANCE:
        values = np.float32(1.0) + v * np.float32(0.5)
    else:
        raise ValueError(f"unknown role {role!r} for {name}")
    assert values.dtype == np.float32, values.dtype
    return values.reshape(shape)


def checksum(values: np.ndarray) -> int:
    """Order-sensitive 64-bit checksum of a float32 tensor's bit patterns.

    sum over i (wrapping) of mix(UInt64(bits_i) | UInt64(i) << 32), with mix the
    SplitMix64 output function above. Documented in docs/golden-format.md; the
    Swift side (`WeightChecksum`) computes the same.
    """
    bits = np.ascontiguousarray(values, dtype="<f4").reshape(-1).view("<u4").astype(np.uint64)
    with np.errstate(over="ignore"):
        i = np.arange(bits.size, dtype=np.uint64)
        mixed = _finalize(bits | (i << np.uint64(32)))
        return int(np.sum(mixed, dtype=np.uint64))


if __name__ == "__main__":
    # Self-check: the vectorised numpy path against plain Python integers.
    for name in ["InceptionResnetV2/Conv2d_1a_3x3/weights", "InceptionResnetV2/Bottleneck/BatchNorm/moving_variance"]:
        v = uniform(name, 1000)
        for i in (0, 1, 2, 999):
            assert float(v[i]) == uniform_scalar_reference(name, i), (name, i)
        print(name, "fnv", hex(fnv1a64(name)), "v[0..3]", [float(x) for x in v[:4]])
    print("ok")

"""Where a golden input image came from, recorded in the header and checked before recording.

The `builtin` input must be the image `explore` builds itself (SyntheticImage, whose numpy
twin is `make_golden.builtin_image`): a golden file that silently recorded another image
under that name would make every later comparison of the built-in image meaningless.
"""

import hashlib

import numpy as np


class SourceMismatch(Exception):
    """The image given for an input is not the one its name promises."""


def digest(image: np.ndarray) -> str:
    """sha256 of the float32 little-endian bytes, as hex."""
    return hashlib.sha256(np.ascontiguousarray(image, dtype="<f4").tobytes()).hexdigest()


def builtin_source(twin: np.ndarray, given: np.ndarray | None = None, given_path: str | None = None) -> tuple[np.ndarray, dict]:
    """The image to record as `builtin` and its `source` entry.

    Without a file: the numpy twin. With a file (`explore run --save DIR --layers inputs`):
    it must be the twin bit for bit, else SourceMismatch names the file and the largest
    difference; the entry then records the file and says the twin agreed.
    """
    if given is None:
        return twin, {"kind": "numpy-twin", "of": "SyntheticImage.make(size:)", "sha256": digest(twin)}
    if given.shape != twin.shape or given.tobytes() != twin.tobytes():
        largest = float(np.abs(given.astype(np.float64) - twin).max()) if given.shape == twin.shape else float("nan")
        raise SourceMismatch(f"{given_path}: not the built-in image: it differs from the numpy twin of SyntheticImage "
                             f"(shape {list(given.shape)} vs {list(twin.shape)}, max |d| {largest}); "
                             "a golden 'builtin' input must be the image explore builds")
    return given, {"kind": "file", "path": given_path, "sha256": digest(given), "checked": "equal to the numpy twin of SyntheticImage.make(size:)"}


def generated_source(function: str, image: np.ndarray) -> dict:
    """The entry of an input made by a function of the generator."""
    return {"kind": "generated", "by": function, "sha256": digest(image)}

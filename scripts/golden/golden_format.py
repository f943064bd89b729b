"""Writer and reader of the golden file format, version 1 (see docs/golden-format.md).

Layout, little-endian:
    8 bytes   magic b"IEGOLDEN"
    u32       format version (1)
    u32       H, byte length of the JSON header
    H bytes   JSON header, UTF-8
    u64       B, byte length of the blob
    B bytes   blob: float32 values; the header's `offset`/`count` fields index it in floats
The header holds `blob_bytes` (= B) and `blob_checksum`, the checksum of
generated_weights.checksum over the blob's float32 values, as a hex string.
"""

import json
import struct

import numpy as np

from generated_weights import checksum

MAGIC = b"IEGOLDEN"
VERSION = 1


class Blob:
    """Collects float32 arrays and hands out their offsets (in floats)."""

    def __init__(self):
        self.parts = []
        self.count = 0

    def add(self, values) -> dict:
        flat = np.ascontiguousarray(values, dtype="<f4").reshape(-1)
        offset = self.count
        self.parts.append(flat)
        self.count += flat.size
        return {"offset": offset, "count": int(flat.size)}

    def values(self) -> np.ndarray:
        return np.concatenate(self.parts) if self.parts else np.zeros(0, dtype="<f4")


def write(path, header: dict, blob: Blob):
    values = blob.values()
    header = dict(header)
    header["blob_bytes"] = int(values.nbytes)
    header["blob_checksum"] = f"0x{checksum(values):016x}"
    text = json.dumps(header, indent=None, separators=(",", ":")).encode("utf-8")
    with open(path, "wb") as f:
        f.write(MAGIC)
        f.write(struct.pack("<II", VERSION, len(text)))
        f.write(text)
        f.write(struct.pack("<Q", values.nbytes))
        f.write(values.tobytes())


def read(path):
    """(header, blob) — raises ValueError naming what is wrong."""
    data = open(path, "rb").read()
    if data[:8] != MAGIC:
        raise ValueError(f"{path}: not a golden file (magic {data[:8]!r})")
    version, length = struct.unpack_from("<II", data, 8)
    if version != VERSION:
        raise ValueError(f"{path}: format version {version}, this reader knows {VERSION}")
    header = json.loads(data[16:16 + length].decode("utf-8"))
    (blob_bytes,) = struct.unpack_from("<Q", data, 16 + length)
    blob = np.frombuffer(data, dtype="<f4", count=blob_bytes // 4, offset=24 + length)
    if len(data) != 24 + length + blob_bytes or blob_bytes != header["blob_bytes"]:
        raise ValueError(f"{path}: truncated or padded")
    if f"0x{checksum(blob):016x}" != header["blob_checksum"]:
        raise ValueError(f"{path}: blob checksum differs")
    return header, blob

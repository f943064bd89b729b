#!/usr/bin/env python3
"""A numpy twin of the generated-weights spec (docs/generated-weights.md; ModelData's GeneratedWeights),
checked bit for bit against every tensor of a file from `explore weights export`.

    explore weights export /tmp/w.safetensors --seed 2018
    python3 scripts/check-exported-weights.py /tmp/w.safetensors

Needs numpy only (no safetensors package). Not part of CI. Roles come from the names:
`.../weights` scaled by sqrt(3/fan_in) for the Bottleneck and block-level Conv2d_1x1
(not under a Branch_k), sqrt(6/fan_in) otherwise; biases, beta, moving_mean 0.1*v;
moving_variance 1 + 0.5*v.
"""
import json, struct, sys, numpy as np
M = 0xFFFFFFFFFFFFFFFF
def fnv(s):
    h = 0xcbf29ce484222325
    for b in s.encode():
        h = ((h ^ b) * 0x100000001b3) & M
    return h
def values(seed, name, shape):
    n = int(np.prod(shape, dtype=np.int64))
    base = np.uint64((((seed * 0x9E3779B97F4A7C15) & M) ^ fnv(name)))
    with np.errstate(over='ignore'):
        i = np.arange(1, n + 1, dtype=np.uint64)
        z = base + i * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    v = (z >> np.uint64(40)).astype(np.float32) * np.float32(2.0 ** -23) - np.float32(1)
    parts = name.split('/')
    fan = int(np.prod(shape[:-1])) if len(shape) > 1 else 1
    if parts[-1] == 'weights':
        linear = parts[-2] == 'Bottleneck' or (parts[-2] == 'Conv2d_1x1' and not parts[-3].startswith('Branch_'))
        out = v * np.float32(np.sqrt((3.0 if linear else 6.0) / fan))
    elif parts[-1] == 'moving_variance':
        out = np.float32(1) + v * np.float32(0.5)
    else:
        out = v * np.float32(0.1)
    return out.reshape(shape)
path = sys.argv[1]
raw = np.memmap(path, dtype=np.uint8, mode='r')
n = struct.unpack('<Q', bytes(raw[:8]))[0]
header = json.loads(bytes(raw[8:8 + n]))
seed = int(header.pop('__metadata__')['seed'])
bad = 0
for name, e in header.items():
    a, b = e['data_offsets']
    stored = np.frombuffer(raw[8 + n + a: 8 + n + b].tobytes(), dtype='<f4').reshape(e['shape'])
    twin = values(seed, name, e['shape'])
    if not np.array_equal(stored.view(np.uint32), twin.view(np.uint32)):
        bad += 1; print('MISMATCH', name, np.sum(stored != twin))
print(f"{len(header)} tensors, {bad} mismatching, seed {seed}")
sys.exit(1 if bad else 0)

"""The one way scripts/peers times every runtime: pure Python, no numpy, so CI tests it.

Every subject (explore's fast path, TensorFlow/Keras, ONNX Runtime) gets the same treatment,
as `explore bench` gives its own subjects (Sources/Benchmarks/BenchProtocol.swift):

- the same number of untimed warm-up calls each, all made before the first timed sample;
- the same number (at least MINIMUM_SAMPLES) of timed samples each, one call per sample;
- the order rotated round by round (A B C, B C A, C A B, ...), so that no subject always
  runs first, on a cooler machine, or last, after the others warmed it;
- the same untimed `settle` before every timed sample of every subject (a pause, so that
  the previous subject's spinning threads have left the cores);
- every sample kept; the median and the spread (min..max) reported; ratios between
  subjects from medians only.
"""

import statistics

MINIMUM_SAMPLES = 5


class Subject:
    """One thing to time: a name, the threads it runs on, and one call of its work.

    `call()` returns None, or the subject's own idea of the call's seconds (explore reports
    the time it measured inside its process); that is kept beside the sample, never used
    instead of it.
    """

    def __init__(self, name, threads, call):
        self.name = name
        self.threads = threads
        self.call = call


def rotation(round_index, count):
    """The order round `round_index` runs `count` subjects in (indices into the subject list)."""
    if count < 0 or round_index < 0:
        raise ValueError("rotation needs a round and a count of at least 0")
    return [(round_index + offset) % count for offset in range(count)]


def summary(name, threads, samples, reported=None):
    """A subject's figures from its samples (seconds): samples, median, min, max, in ms."""
    if len(samples) < MINIMUM_SAMPLES:
        raise ValueError(f"{name}: {len(samples)} samples, at least {MINIMUM_SAMPLES} needed for a median and a spread")
    ms = [s * 1000 for s in samples]
    figures = {
        "name": name,
        "threads": threads,
        "samples_ms": ms,
        "median_ms": statistics.median(ms),
        "min_ms": min(ms),
        "max_ms": max(ms),
    }
    if reported is not None and any(r is not None for r in reported):
        figures["reported_ms"] = [None if r is None else r * 1000 for r in reported]
    return figures


def ratio(numerator, denominator):
    """numerator's median over denominator's median (two `summary` results)."""
    if denominator["median_ms"] <= 0:
        raise ValueError(f"{denominator['name']} has a median of {denominator['median_ms']} ms")
    return numerator["median_ms"] / denominator["median_ms"]


def measure(subjects, warmups, samples, clock, settle=lambda: None, on_sample=lambda name, seconds: None):
    """Times `subjects` as the module docstring says; returns their `summary`s in `subjects`' order.

    `clock()` gives seconds (tests pass a fake one); `on_sample(name, seconds)` sees each
    timed sample as it is taken.
    """
    if warmups < 1:
        raise ValueError(f"at least 1 warm-up call per subject, got {warmups}")
    if samples < MINIMUM_SAMPLES:
        raise ValueError(f"at least {MINIMUM_SAMPLES} timed samples per subject, got {samples}")
    for subject in subjects:
        for _ in range(warmups):
            subject.call()
    seconds = [[] for _ in subjects]
    reported = [[] for _ in subjects]
    for round_index in range(samples):
        for index in rotation(round_index, len(subjects)):
            settle()
            start = clock()
            own = subjects[index].call()
            elapsed = clock() - start
            seconds[index].append(elapsed)
            reported[index].append(own)
            on_sample(subjects[index].name, elapsed)
    return [summary(s.name, s.threads, t, r) for s, t, r in zip(subjects, seconds, reported)]

#!/usr/bin/env python3
"""Time explore's fast path beside TensorFlow/Keras and ONNX Runtime, in one run, alternating.

At batch 1, float32, for each input size (default 160 and 299), three subjects:
  * explore: a long-lived `explore passes --input X.npy` process (weights generated and
    packed before timing); each sample is one request line 'pass' written to its standard
    input and its reply read back, timed here around both, so the pipe's round trip (tens of
    microseconds) counts against explore. explore's own figure for the pass (its clock,
    inside the process) is printed beside each sample; it is never used instead of it.
  * TensorFlow/Keras: InceptionResNetV2(include_top=False, weights=None) at that size with
    FaceNet's head on top (the layers scripts/golden builds: average pool, 1536x1024
    bottleneck with batch norm, L2), so that all three compute the same network; called
    through a tf.function (graph mode), output fetched as a numpy array;
  * ONNX Runtime: that same tf.function converted by tf2onnx (opset 17), all graph
    optimisations on, output fetched.
All three get the same input tensor (explore reads it from an .npy file).

Threads are pinned to the same count for all (--threads, default 2):
  * explore: EXPLORE_THREADS=N in its environment (its worker pool and every parallel loop);
  * TensorFlow: intra-op parallelism N, inter-op parallelism 1;
  * ONNX Runtime: intra_op_num_threads N, inter_op_num_threads 1, sequential execution.

The statistic (peer_protocol.py, the same for every subject): --warmup untimed calls each
first, then --samples rounds, one timed call per subject per round, the order rotated round by
round, a --settle pause (untimed) before every timed call of every subject; every sample is
printed; median and min..max; ratios from medians only. Both sizes run in this one process, 160
first. Not part of CI (it needs TensorFlow); install: see README.md in this folder.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "golden"))
import peer_protocol  # noqa: E402
from facenet_layout import BOTTLENECK, facenet_head  # noqa: E402


NETWORK = (f"FaceNet's Inception-ResNet-v2: the backbone, then average pool, 1536x{BOTTLENECK} bottleneck with "
           f"batch norm, L2; output {BOTTLENECK} floats")


def load_average():
    return list(os.getloadavg())


def machine_description():
    """Processor model, count and vector extensions, from /proc/cpuinfo where there is one."""
    model, flags = platform.processor() or platform.machine(), set()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() == "model name":
                    model = value.strip()
                elif key.strip() == "flags":
                    flags = set(value.split())
    except OSError:
        pass
    vectors = ", ".join(x for x in ("avx2", "fma", "avx512f") if x in flags) or "no AVX2/FMA/AVX-512 flags seen"
    return f"{model}, {os.cpu_count()} processors ({vectors})"


class ExploreProcess:
    """`explore passes` kept running: one forward pass per request line."""

    def __init__(self, binary, size, threads, input_path):
        env = dict(os.environ, EXPLORE_THREADS=str(threads), NO_COLOR="1")
        self.process = subprocess.Popen(
            [binary, "passes", "--input-size", str(size), "--input", input_path],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1, env=env)
        self.ready = self._line()
        if not self.ready.startswith(f"ready threads={threads} "):
            raise RuntimeError(f"explore passes did not start as expected: {self.ready!r}")

    def _line(self):
        line = self.process.stdout.readline()
        if not line:
            status = self.process.wait()
            raise RuntimeError(f"explore passes ended (status {status}); its error is above")
        return line.strip()

    def call(self):
        """One pass; returns explore's own time for it (seconds), timed inside its process."""
        self.process.stdin.write("pass\n")
        self.process.stdin.flush()
        reply = self._line()
        parts = reply.split()
        if len(parts) < 3 or parts[0] != "pass":
            raise RuntimeError(f"unexpected reply from explore passes: {reply!r}")
        return float(parts[1])

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.write("quit\n")
            self.process.stdin.close()
            self.process.wait(timeout=30)


def tensorflow_subject(tf, size, x):
    backbone = tf.keras.applications.InceptionResNetV2(include_top=False, weights=None, input_shape=(size, size, 3))
    features = backbone.output
    for layer in facenet_head(tf.keras, tf, features):
        features = layer(features)
    model = tf.keras.Model(backbone.input, features)
    if tuple(model.output.shape) != (None, BOTTLENECK):
        raise RuntimeError(f"the Keras model's output is {model.output.shape}, not FaceNet's embedding")
    spec = (tf.TensorSpec((1, size, size, 3), tf.float32, name="input"),)
    forward = tf.function(lambda t: model(t, training=False), input_signature=spec)
    tensor = tf.constant(x)

    def call():
        forward(tensor).numpy()

    return forward, spec, call


def onnxruntime_subject(ort, tf2onnx, forward, spec, threads, x):
    proto, _ = tf2onnx.convert.from_function(forward, input_signature=spec, opset=17)
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(proto.SerializeToString(), options, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name

    def call():
        session.run(None, {name: x})

    return call


def measure_size(args, size, tf, ort, tf2onnx, log):
    x = np.random.RandomState(size).standard_normal((1, size, size, 3)).astype(np.float32)
    with tempfile.TemporaryDirectory(prefix="peers-") as folder:
        input_path = os.path.join(folder, f"input-{size}.npy")
        np.save(input_path, x)
        log(f"{size}x{size}: building the Keras model and converting it for ONNX Runtime")
        forward, spec, tf_call = tensorflow_subject(tf, size, x)
        ort_call = onnxruntime_subject(ort, tf2onnx, forward, spec, args.threads, x)
        log(f"{size}x{size}: starting explore passes (generating and packing weights)")
        explore = ExploreProcess(args.explore, size, args.threads, input_path)
        try:
            subjects = [
                peer_protocol.Subject("explore (fast)", args.threads, explore.call),
                peer_protocol.Subject("TensorFlow/Keras", args.threads, tf_call),
                peer_protocol.Subject("ONNX Runtime", args.threads, ort_call),
            ]
            load_before = load_average()
            log(f"{size}x{size}: {args.warmup} warm-up calls each, then {args.samples} rotated rounds")
            results = peer_protocol.measure(
                subjects, warmups=args.warmup, samples=args.samples, clock=time.perf_counter,
                settle=lambda: time.sleep(args.settle),
                on_sample=lambda name, seconds: log(f"  {name}: {seconds * 1000:.1f} ms"))
            load_after = load_average()
        finally:
            explore.close()
    by_name = {r["name"]: r for r in results}
    explore_result = by_name["explore (fast)"]
    return {
        "input": f"{size}x{size}",
        "explore_ready": explore.ready,
        "load_average_before": load_before,
        "load_average_after": load_after,
        "subjects": results,
        "explore_over_tensorflow": peer_protocol.ratio(explore_result, by_name["TensorFlow/Keras"]),
        "explore_over_onnxruntime": peer_protocol.ratio(explore_result, by_name["ONNX Runtime"]),
    }


def text_report(report):
    lines = [
        f"peers: batch 1, float32, {report['threads']} threads for every runtime, {report['warmup']} warm-up calls each, "
        f"{report['samples']} timed samples each, order rotated per round, {report['settle_s']} s pause before each sample",
        f"network (the same for all three): {report['network']}",
        f"machine: {report['machine']}; TensorFlow {report['versions']['tensorflow']}, "
        f"ONNX Runtime {report['versions']['onnxruntime']}, tf2onnx {report['versions']['tf2onnx']}",
    ]
    for size in report["sizes"]:
        before = " ".join(f"{v:.2f}" for v in size["load_average_before"])
        after = " ".join(f"{v:.2f}" for v in size["load_average_after"])
        lines.append("")
        lines.append(f"{size['input']} (load average {before} before, {after} after; {size['explore_ready']})")
        for r in size["subjects"]:
            lines.append(
                f"  {r['name']:<17} {r['threads']} threads  median {r['median_ms']:7.1f} ms  "
                f"min..max {r['min_ms']:.1f}..{r['max_ms']:.1f} ms")
            lines.append("      samples (ms): " + " ".join(f"{s:.1f}" for s in r["samples_ms"]))
            if "reported_ms" in r:
                lines.append("      explore's own clock (ms): " + " ".join(f"{s:.1f}" for s in r["reported_ms"]))
        lines.append(
            f"  explore / TensorFlow {size['explore_over_tensorflow']:.2f}x time, "
            f"explore / ONNX Runtime {size['explore_over_onnxruntime']:.2f}x time (medians)")
    return "\n".join(lines)


def positive(minimum):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number")
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{value} is below {minimum}")
        return value
    return parse


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--explore", default=os.path.join(root, ".build", "release", "explore"),
                        help="the explore binary (build it with: swift build -c release)")
    parser.add_argument("--sizes", default="160,299", help="input sides, comma-separated (default 160,299)")
    parser.add_argument("--threads", type=positive(1), default=2, help="threads for every runtime (default 2)")
    parser.add_argument("--samples", type=positive(peer_protocol.MINIMUM_SAMPLES), default=15,
                        help=f"timed samples per subject and size (default 15, at least {peer_protocol.MINIMUM_SAMPLES})")
    parser.add_argument("--warmup", type=positive(1), default=3, help="untimed calls per subject first (default 3)")
    parser.add_argument("--settle", type=float, default=0.2,
                        help="seconds of pause before every timed call of every subject (default 0.2)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON (every sample included)")
    args = parser.parse_args()
    try:
        sizes = [int(s) for s in args.sizes.split(",")]
    except ValueError:
        parser.error(f"--sizes {args.sizes!r}: give whole numbers, e.g. 160,299")
    if any(s < 75 or s > 2048 for s in sizes):
        parser.error(f"--sizes {args.sizes!r}: each side from 75 to 2048")
    if not (0 <= args.settle <= 10):
        parser.error(f"--settle {args.settle}: from 0 to 10 seconds")
    if not os.access(args.explore, os.X_OK):
        parser.error(f"{args.explore} is not an executable: build it with 'swift build -c release' or pass --explore")

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf
    tf.config.threading.set_intra_op_parallelism_threads(args.threads)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    import onnxruntime as ort
    import tf2onnx

    def log(line):
        print(f"peers: {line}", file=sys.stderr, flush=True)

    report = {
        "threads": args.threads,
        "warmup": args.warmup,
        "samples": args.samples,
        "settle_s": args.settle,
        "network": NETWORK,
        "machine": machine_description(),
        "versions": {"tensorflow": tf.__version__, "onnxruntime": ort.__version__, "tf2onnx": tf2onnx.__version__},
        "sizes": [measure_size(args, size, tf, ort, tf2onnx, log) for size in sizes],
    }
    print(json.dumps(report, indent=2) if args.json else text_report(report))


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Time the peers a user would pick instead of `explore`, on this machine, in one run.

At batch 1, 160x160x3, float32:
  * TensorFlow/Keras: InceptionResNetV2(include_top=False, weights=None,
    input_shape=(160, 160, 3)) called through a tf.function (graph mode),
    intra-op threads = 2;
  * ONNX Runtime: the same model converted by tf2onnx, 2 intra-op threads;
  * explore: `explore bench --json --quick` (fast path, whole FaceNet network,
    which is the same backbone plus a small head: pool, 1536x1024 bottleneck, L2).

Prints each median and the ratios. Not part of CI (it needs TensorFlow).
Install: see README.md in this folder.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

THREADS = 2
SIZE = 160


def median_ms(fn, runs, warmup):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), times


def explore_forward_ms(explore, runs):
    out = subprocess.run([explore, "bench", "--json", "--quick", "--samples", str(max(5, runs))],
                         check=True, capture_output=True, text=True).stdout
    report = json.loads(out)
    return report["forward"]["subjects"][0]["median"] * 1000, report


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--explore", default=os.path.join(root, ".build", "release", "explore"),
                        help="the explore binary (build it with: swift build -c release)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per peer (median reported)")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf
    tf.config.threading.set_intra_op_parallelism_threads(THREADS)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    import onnxruntime as ort
    import tf2onnx

    results = {}
    # explore first, while TensorFlow's threads are idle; again at the end (machine drift).
    explore_first, _ = explore_forward_ms(args.explore, args.runs)

    model = tf.keras.applications.InceptionResNetV2(include_top=False, weights=None, input_shape=(SIZE, SIZE, 3))
    x = np.random.RandomState(0).standard_normal((1, SIZE, SIZE, 3)).astype(np.float32)
    spec = (tf.TensorSpec((1, SIZE, SIZE, 3), tf.float32, name="input"),)
    forward = tf.function(lambda t: model(t, training=False), input_signature=spec)
    results["tensorflow_keras_ms"], _ = median_ms(lambda: forward(x).numpy(), args.runs, args.warmup)

    proto, _ = tf2onnx.convert.from_function(forward, input_signature=spec, opset=17)
    options = ort.SessionOptions()
    options.intra_op_num_threads = THREADS
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(proto.SerializeToString(), options, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    results["onnxruntime_ms"], _ = median_ms(lambda: session.run(None, {name: x}), args.runs, args.warmup)

    explore_last, report = explore_forward_ms(args.explore, args.runs)
    results["explore_fast_ms"] = min(explore_first, explore_last)
    results["explore_fast_ms_runs"] = [explore_first, explore_last]
    results["peak_rss_mb_explore"] = report.get("peak_rss_mb")
    results["explore_over_tensorflow"] = results["explore_fast_ms"] / results["tensorflow_keras_ms"]
    results["explore_over_onnxruntime"] = results["explore_fast_ms"] / results["onnxruntime_ms"]
    results["versions"] = {"tensorflow": tf.__version__, "onnxruntime": ort.__version__, "tf2onnx": tf2onnx.__version__}

    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"batch 1, {SIZE}x{SIZE}, {THREADS} threads, median of {args.runs} runs, all in this run")
    print(f"  TensorFlow/Keras {tf.__version__:>10}: {results['tensorflow_keras_ms']:8.1f} ms")
    print(f"  ONNX Runtime     {ort.__version__:>10}: {results['onnxruntime_ms']:8.1f} ms")
    print(f"  explore (fast)             : {results['explore_fast_ms']:8.1f} ms "
          f"(runs before and after the peers: {explore_first:.1f}, {explore_last:.1f})")
    print(f"  explore / TensorFlow = {results['explore_over_tensorflow']:.2f}x time "
          f"(target <= 0.8), explore / ONNX Runtime = {results['explore_over_onnxruntime']:.2f}x time (target ~1)")


if __name__ == "__main__":
    sys.exit(main())

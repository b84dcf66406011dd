"""Measure detection quality and speed on the labelled evaluation set, side by side with deface.

Prints Markdown tables. Run from the repository root:

    .venv/bin/python benchmarks/bench_detection.py [--deface /tmp/deface-venv/bin/python]
                                                   [--seconds 10] [--skip-speed]

Quality, per kind, from the annotations in ``tests/eval/`` over ``../shared/samples``:
- faces: labelled faces on sampled frames of the two face clips. A face is found when an
  applied track box covers at least half of its box. The same frames are also measured
  with a drawn surgical mask and cap, by the detector alone (no tracking);
- text: every burned-in line of the tower overlay clip and of the robotic display,
  found when a text track box covers at least 90 % of the line on every frame;
- out-of-body: every frame of the spliced in-body/room clip, room frames found when
  masked whole, in-body frames lost when masked more than the 1 s margin from a room frame.
False positives per minute count distinct tracks that cover no labelled region on a frame
whose labels are complete, over the clip's duration; the in-body laparoscopy, which shows
no face and no text, gives a second count per kind.

Speed: a 1080p25 pan over a real face (faces on every frame, the worst case) and the
laparoscopy scaled to 1080p25 (no face, the usual case), decoded with PyAV and analysed by
face, small-face, text and out-of-body detectors in one pass. deface 1.5.0 runs from its
own virtual environment (``--deface``), because it needs the GUI build of OpenCV: its
CenterFace at its defaults (threshold 0.2, full resolution) gives the comparison recall,
and its command line the comparison speed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.analysis import DEFAULT_DETECTORS
from app.detection.analyze import analyze_media_frames
from app.detection.registry import load_detector
from app.project.model import Box, Track
from benchmarks.common import SAMPLES, machine_description, make_1080p_clip
from tests.eval.clips import (
    build_out_of_body_splice,
    build_tower_overlay,
    decode_rgb,
    fit,
    load_recipe,
    osd_lines,
    write_clip,
)

MARGIN_S = 1.0
CONFIRM_THRESHOLD = 0.4  # the face detector's default threshold; weaker tracks await review


def covered_share(target: Box, cover: Box) -> float:
    overlap_w = max(0.0, min(target.x + target.w, cover.x + cover.w) - max(target.x, cover.x))
    overlap_h = max(0.0, min(target.y + target.h, cover.y + cover.h) - max(target.y, cover.y))
    return overlap_w * overlap_h / max(target.w * target.h, 1e-9)


def boxes_at(tracks: list[Track], frame: int, kind: str) -> list[tuple[Track, Box]]:
    found = []
    for track in tracks:
        if track.kind != kind or not track.is_applied_at(frame):
            continue
        box = track.box_at(frame)
        if box is not None:
            found.append((track, box))
    return found


def analyse(frames: list[np.ndarray], fps: float, detectors: tuple[str, ...]) -> list[Track]:
    loaded = [load_detector(name) for name in detectors]
    results = analyze_media_frames(enumerate(frames), len(frames), loaded, "benchmark", fps=fps)
    return [track for tracks, _ in results for track in tracks]


def minutes(frame_count: int, fps: float) -> float:
    return frame_count / fps / 60.0


# ----------------------------------------------------------------------------- faces

def face_quality(deface_python: str | None) -> list[dict[str, Any]]:
    annotations = load_recipe("faces")
    rows = []
    for clip_name, clip in annotations["clips"].items():
        frames = list(decode_rgb(SAMPLES / "faces" / clip_name))
        tracks = analyse(frames, clip["fps"], ("face", "face_small"))
        labelled = {int(frame): entry for frame, entry in clip["frames"].items()}
        found, total, false_tracks, weak_tracks = 0, 0, set(), set()
        for frame, entry in labelled.items():
            faces = [Box(*values) for values in entry["faces"]]
            known = faces + [Box(*values) for values in entry["ignore"]]
            present = boxes_at(tracks, frame, "face")
            total += len(faces)
            found += sum(1 for face in faces
                         if any(covered_share(face, box) >= 0.5 for _, box in present))
            for track, box in present:
                if not entry["complete"] or any(covered_share(box, other) >= 0.2
                                                for other in known):
                    continue
                confirmed = max(sample.score for sample in track.samples) >= CONFIRM_THRESHOLD
                (false_tracks if confirmed else weak_tracks).add(track.id)
        duration = minutes(len(frames), clip["fps"])
        row = {"clip": clip_name, "kind": "face", "labelled": total, "voile_found": found,
               "voile_fp_per_min": len(false_tracks) / duration,
               "voile_weak_per_min": len(weak_tracks) / duration}
        if deface_python:
            row.update(deface_face_scores(deface_python, frames, labelled))
        rows.append(row)
    return rows


def masked_faces() -> Iterator[tuple[np.ndarray, list[Box]]]:
    """Yield the labelled frames with a drawn mask and cap over each labelled face."""
    annotations = load_recipe("faces")
    masked = annotations["masked"]
    for clip_name, clip in annotations["clips"].items():
        frames = list(decode_rgb(SAMPLES / "faces" / clip_name))
        for frame, entry in clip["frames"].items():
            faces = [Box(*values) for values in entry["faces"]]
            if not faces:
                continue
            image = frames[int(frame)].copy()
            for face in faces:
                x0, x1 = int(face.x - 2), int(face.x + face.w + 2)
                mask_top = int(face.y + masked["mask_from"] * face.h)
                cv2.rectangle(image, (x0, mask_top), (x1, int(face.y + 1.05 * face.h)),
                              (150, 190, 220), -1)
                cv2.rectangle(image, (x0 - 2, int(face.y - 0.15 * face.h)),
                              (x1 + 2, int(face.y + masked["cap_to"] * face.h)), (60, 140, 110), -1)
            yield image, faces


def masked_face_quality(deface_python: str | None) -> dict[str, Any]:
    detector = load_detector("face")
    found_confirmed = found_support = total = 0
    images = []
    for image, faces in masked_faces():
        images.append((image, faces))
        detections = detector.detect(image)
        total += len(faces)
        for face in faces:
            scores = [d.score for d in detections if covered_share(face, d.box) >= 0.5]
            found_support += bool(scores)
            found_confirmed += any(score >= detector.threshold for score in scores)
    row: dict[str, Any] = {"labelled": total, "voile_confirmed": found_confirmed,
                           "voile_with_support": found_support}
    if deface_python:
        with tempfile.TemporaryDirectory() as folder:
            paths = []
            for index, (image, _) in enumerate(images):
                path = Path(folder) / f"{index}.png"
                cv2.imwrite(str(path), cv2.cvtColor(image, cv2.COLOR_RGB2BGR))
                paths.append(str(path))
            detections = run_deface_script(deface_python, {"images": paths})
        row["deface_found"] = sum(
            1 for (_, faces), found in zip(images, detections["images"], strict=True)
            for face in faces if any(covered_share(face, Box(*box)) >= 0.5 for box in found))
    return row


# ----------------------------------------------------------------------------- text

def text_quality(workdir: Path) -> list[dict[str, Any]]:
    rows = []
    clip = workdir / "tower.mp4"
    drawn = build_tower_overlay(SAMPLES, clip)
    fps = load_recipe("overlay_text")["tower"]["fps"]
    frames = list(decode_rgb(clip))
    tracks = analyse(frames, fps, ("text",))
    rows.append(text_row("tower overlay (drawn)", tracks, drawn, len(frames), fps))

    image = cv2.cvtColor(cv2.imread(str(SAMPLES / "endoscopy" / "robotic_out_of_body_with_osd.png")),
                         cv2.COLOR_BGR2RGB)
    frames = [image] * 25
    tracks = analyse(frames, 25.0, ("text",))
    other_text = [Box(*values) for values in load_recipe("overlay_text")["osd"]["other_text"]]
    rows.append(text_row("robotic display (real)", tracks, [osd_lines()] * 25, 25, 25.0,
                         other_text))
    return rows


def text_row(name: str, tracks: list[Track], drawn: list[list[Any]], frame_count: int,
             fps: float, other_text: list[Box] | None = None) -> dict[str, Any]:
    line_frames = found = 0
    lines_missed: set[str] = set()
    for frame, lines in enumerate(drawn):
        present = boxes_at(tracks, frame, "text")
        for line in lines:
            line_frames += 1
            box = Box(*line.box)
            if any(covered_share(box, cover) >= 0.9 for _, cover in present):
                found += 1
            else:
                lines_missed.add(line.kind)
    every = [Box(*line.box) for lines in drawn for line in lines] + (other_text or [])
    false_tracks = [track for track in tracks if track.kind == "text" and all(
        covered_share(track.samples[0].box, line) < 0.05 and covered_share(line, track.samples[0].box)
        < 0.05 for line in every)]
    return {"clip": name, "kind": "text", "labelled": line_frames, "voile_found": found,
            "voile_fp_per_min": len(false_tracks) / minutes(frame_count, fps),
            "missed": sorted(lines_missed)}


# ----------------------------------------------------------------------------- out of body

def out_of_body_quality(workdir: Path) -> dict[str, Any]:
    clip = workdir / "splice.mp4"
    labels = build_out_of_body_splice(SAMPLES, clip)
    fps = load_recipe("out_of_body_splice")["fps"]
    tracks = analyse(list(decode_rgb(clip)), fps, ("out_of_body",))
    masked = [any(track.is_applied_at(frame) for track in tracks if track.kind == "out_of_body")
              for frame in range(len(labels))]
    room = [index for index, label in enumerate(labels) if label == "out_of_body"]
    margin = round(MARGIN_S * fps)
    lost = [index for index, label in enumerate(labels) if label == "in_body" and masked[index]
            and min(abs(index - other) for other in room) > margin]
    false_ranges = [track for track in tracks
                    if not any(track.start_frame <= index <= track.end_frame for index in room)]
    return {"clip": "in-body/room splice", "kind": "out_of_body", "labelled": len(room),
            "voile_found": sum(masked[index] for index in room),
            "voile_fp_per_min": len(false_ranges) / minutes(len(labels), fps),
            "in_body_lost_beyond_margin": len(lost)}


def in_body_false_positives() -> dict[str, Any]:
    frames = list(decode_rgb(SAMPLES / "endoscopy" / "cholec_endo_720p.mp4"))
    tracks = analyse(frames, 25.0, DEFAULT_DETECTORS)
    duration = minutes(len(frames), 25.0)
    return {kind: sum(1 for track in tracks if track.kind == kind) / duration
            for kind in ("face", "text", "out_of_body")}


# ----------------------------------------------------------------------------- deface

DEFACE_SCRIPT = r"""
import json, sys
import imageio.v2 as imageio
from deface.centerface import CenterFace
request = json.loads(sys.argv[1])
threshold = 0.2  # deface 1.5.0 default --thresh
result = {}
if "images" in request:
    boxes = []
    for path in request["images"]:
        frame = imageio.imread(path)[..., :3]
        model = CenterFace(in_shape=(frame.shape[1], frame.shape[0]), backend="onnxrt")
        dets, _ = model(frame, threshold=threshold)
        boxes.append([[float(d[0]), float(d[1]), float(d[2] - d[0]), float(d[3] - d[1])]
                      for d in dets])
    result["images"] = boxes
print(json.dumps(result))
"""


def run_deface_script(deface_python: str, request: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run([deface_python, "-c", DEFACE_SCRIPT, json.dumps(request)],
                          capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def deface_face_scores(deface_python: str, frames: list[np.ndarray],
                       labelled: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """Run deface's CenterFace on the labelled frames, decoded here so both see the same pixels."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for frame in labelled:
            path = Path(folder) / f"{frame}.png"
            cv2.imwrite(str(path), cv2.cvtColor(frames[frame], cv2.COLOR_RGB2BGR))
            paths.append(str(path))
        found_boxes = run_deface_script(deface_python, {"images": paths})["images"]

    found = 0
    false_boxes = 0
    for entry, boxes_found in zip(labelled.values(), found_boxes, strict=True):
        boxes = [Box(*values) for values in boxes_found]
        faces = [Box(*values) for values in entry["faces"]]
        known = faces + [Box(*values) for values in entry["ignore"]]
        found += sum(1 for face in faces if any(covered_share(face, box) >= 0.5 for box in boxes))
        if entry["complete"]:
            false_boxes += sum(1 for box in boxes if all(covered_share(box, other) < 0.2
                                                         for other in known))
    return {"deface_found": found, "deface_false_boxes": false_boxes}


def deface_speed(deface_python: str, clip: Path, workdir: Path) -> float:
    """Return deface's command-line speed on ``clip`` as a multiple of real time."""
    deface = Path(deface_python).parent / "deface"
    output = workdir / f"deface-{clip.stem}.mp4"
    started = time.perf_counter()
    subprocess.run([str(deface), str(clip), "-o", str(output)],
                   capture_output=True, check=True)
    elapsed = time.perf_counter() - started
    return clip_seconds(clip) / elapsed


# ----------------------------------------------------------------------------- speed

def clip_seconds(path: Path) -> float:
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        rate = float(stream.average_rate or 25)
    return frames / rate


def in_body_1080p(path: Path, seconds: int) -> Path:
    frames = [fit(frame, 1920, 1080) for frame in decode_rgb(
        SAMPLES / "endoscopy" / "cholec_endo_720p.mp4", 0, seconds * 25)]
    write_clip(path, frames)
    return path


def analysis_speed(clip: Path, detectors: tuple[str, ...]) -> tuple[float, dict[str, int]]:
    """Return the analysis speed on ``clip`` as a multiple of real time, and frames sampled."""
    import av

    from app.detection.frames import VideoFrame

    loaded = [load_detector(name) for name in detectors]
    container = av.open(str(clip))
    stream = container.streams.video[0]
    stream.thread_type = "AUTO"
    started = time.perf_counter()
    frames = ((index, VideoFrame(frame)) for index, frame in enumerate(container.decode(stream)))
    results = analyze_media_frames(frames, stream.frames or 0, loaded, "benchmark", fps=25.0)
    elapsed = time.perf_counter() - started
    container.close()
    seen = results[0][1].frames_analyzed
    sampled = {run.detector: int(run.params.get("frames_sampled", seen)) for _, run in results}
    return seen / 25.0 / elapsed, sampled


# ----------------------------------------------------------------------------- report

def print_quality(rows: list[dict[str, Any]], has_deface: bool) -> None:
    print("| kind | clip | labelled | Voile found | Voile recall | Voile FP/min "
          "| Voile low-confidence FP/min |"
          + (" deface found | deface recall | deface false boxes |" if has_deface else ""))
    print("|---|---|---|---|---|---|---|" + ("---|---|---|" if has_deface else ""))
    for row in rows:
        weak = f"{row['voile_weak_per_min']:.1f}" if "voile_weak_per_min" in row else "-"
        line = (f"| {row['kind']} | {row['clip']} | {row['labelled']} | {row['voile_found']} | "
                f"{row['voile_found'] / max(row['labelled'], 1):.2f} | "
                f"{row['voile_fp_per_min']:.1f} | {weak} |")
        if has_deface:
            if "deface_found" in row:
                line += (f" {row['deface_found']} | "
                         f"{row['deface_found'] / max(row['labelled'], 1):.2f} | "
                         f"{row['deface_false_boxes']} |")
            else:
                line += " - | - | - |"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deface", help="python of a virtual environment with deface==1.5.0")
    parser.add_argument("--seconds", type=int, default=10, help="length of the 1080p clips (s)")
    parser.add_argument("--skip-speed", action="store_true", help="measure quality only")
    arguments = parser.parse_args()
    if not SAMPLES.is_dir():
        sys.exit(f"sample folder {SAMPLES} is missing")

    print(f"Machine: {machine_description()}\n")
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        rows = face_quality(arguments.deface)
        rows.extend(text_quality(workdir))
        oob = out_of_body_quality(workdir)
        rows.append(oob)
        print("## Recall and false positives\n")
        print_quality(rows, bool(arguments.deface))
        print(f"\nOut-of-body: in-body frames masked beyond the {MARGIN_S:.0f} s margin: "
              f"{oob['in_body_lost_beyond_margin']}.")
        missed = {row["clip"]: row["missed"] for row in rows if row.get("missed")}
        if missed:
            print(f"Text lines missed on some frame: {missed}.")

        masked = masked_face_quality(arguments.deface)
        print("\n## Faces with a drawn surgical mask and cap (labelled frames, no tracking)\n")
        print(f"{masked['labelled']} faces: Voile confirmed (score >= 0.4) "
              f"{masked['voile_confirmed']}, with weak support (>= 0.2) "
              f"{masked['voile_with_support']}"
              + (f"; deface (threshold 0.2) {masked['deface_found']}." if arguments.deface
                 else "."))

        per_minute = in_body_false_positives()
        print("\n## Tracks per minute on the in-body laparoscopy (all false)\n")
        print(", ".join(f"{kind}: {value:.1f}" for kind, value in per_minute.items()))

        if arguments.skip_speed:
            return
        print(f"\n## Analysis speed, 1080p25, {arguments.seconds} s clips "
              "(multiple of real time)\n")
        clips = {
            "pan over a face (faces on every frame)":
                make_1080p_clip(workdir / "face1080.mp4", seconds=arguments.seconds),
            "laparoscopy scaled to 1080p (no face)":
                in_body_1080p(workdir / "body1080.mp4", arguments.seconds),
        }
        print("| clip | Voile all detectors | frames sampled per detector | Voile faces only |"
              + (" deface CLI |" if arguments.deface else ""))
        print("|---|---|---|---|" + ("---|" if arguments.deface else ""))
        for name, clip in clips.items():
            speed_all, sampled = analysis_speed(clip, DEFAULT_DETECTORS)
            speed_faces, _ = analysis_speed(clip, ("face",))
            line = (f"| {name} | {speed_all:.2f}x | "
                    + ", ".join(f"{key} {value}" for key, value in sampled.items())
                    + f" | {speed_faces:.2f}x |")
            if arguments.deface:
                line += f" {deface_speed(arguments.deface, clip, workdir):.2f}x |"
            print(line)


if __name__ == "__main__":
    main()

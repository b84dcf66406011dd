"""Facts dictionaries shaped like the ones the export step passes to the audit package."""

from __future__ import annotations

import hashlib
from typing import Any

AUTHOR = "Hélène D'Angelo"
PRINCIPAL = "voile-u-1a2b3c4d"


def make_redaction(index: int, status: str = "applied", kind: str = "face") -> dict[str, Any]:
    """Build one redaction track as the export step describes it."""
    start = index * 10
    return {
        "id": f"T{index + 1:04d}",
        "kind": kind,
        "origin": "auto" if kind != "manual" else "manual",
        "status": status,
        "start_frame": start,
        "end_frame": start + 120,
        "frames": 121,
        "start_s": start / 25.0,
        "end_s": (start + 121) / 25.0,
        "shape": "ellipse",
        "fill": "solid",
        "margin": 0.15,
        "created_by": "detector:face" if kind != "manual" else AUTHOR,
        "decided_by": AUTHOR,
        "decided_at": "2026-12-04T20:41:07Z",
        "rejected_ranges": [[start + 30, start + 34]]
        if status == "applied" and index % 3 == 0
        else [],
    }


def make_facts(
    export_sha256: str = "0" * 64,
    export_size: int = 123456,
    root_sha256: str = "1" * 64,
    redactions: int = 2,
) -> dict[str, Any]:
    """Build a facts dictionary with the shape the export step passes in."""
    kinds = ["face", "text", "out_of_body", "manual"]
    tracks = [
        make_redaction(i, "rejected" if i % 2 else "applied", kinds[i % len(kinds)])
        for i in range(redactions)
    ]
    return {
        "format": "voile-audit",
        "format_version": 1,
        "created_at": "2026-12-04T21:00:00Z",
        "language": "fr",
        "software": {
            "name": "Voile",
            "version": "0.1.0",
            "pyav": "18.1.0",
            "ffmpeg": "7.1",
            "encoder": "libx264",
        },
        "case": {"pseudonym": "CAS-2026-7F3K", "case_id": "c-5b1e0c9d"},
        "source": {
            "media_id": "m-91ab77f0",
            "sha256": hashlib.sha256(b"source").hexdigest(),
            "size": 613928,
            "duration_s": 10.0,
            "width": 640,
            "height": 360,
            "fps": 25.0,
            "frames": 250,
            "container": "mov,mp4,m4a,3gp,3g2,mj2",
        },
        "export": {
            "file": "CAS-2026-7F3K_m-91ab.mp4",
            "sha256": export_sha256,
            "size": export_size,
            "codec": "h264",
            "preset": "veryfast",
            "crf": 23,
            "width": 640,
            "height": 360,
            "frames": 250,
            "duration_s": 10.0,
        },
        "audio": {"mode": "dropped"},
        "metadata_removed": [
            "gps",
            "device",
            "serial",
            "creation_date",
            "user_data",
            "xmp",
            "telemetry_track",
        ],
        "detectors": [
            {
                "id": "face",
                "name": "CenterFace",
                "version": "1.0",
                "threshold": 0.4,
                "model_sha256": hashlib.sha256(b"model").hexdigest(),
                "frames_analyzed": 250,
                "frames_total": 250,
            }
        ],
        "redactions": tracks,
        "verification": {
            "releasable": True,
            "residual_face_frames": [],
            "container_findings": [],
            "detector": "face",
            "threshold": 0.4,
        },
        "author": {"user": AUTHOR, "principal": PRINCIPAL},
        "authority": {"label": "Voile vault 3F9A1C", "root_sha256": root_sha256},
    }

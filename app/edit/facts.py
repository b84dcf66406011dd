"""The facts of an export's edit, for the audit sheet and the signed manifest.

They state which frames were kept, in which order and at which source times, and which were
cut by tracks. They also list the chapters, the diagrams, the context card, the acknowledged
re-identification flags (by fingerprint, never the flagged text) and the files written beside
the video.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.edit.plan import FramePlan
from app.project.model import CaseProject, Lesson
from app.vault import Vault


def edit_facts(vault: Vault, plan: FramePlan, lesson: Lesson | None, project: CaseProject,
               files: list[dict[str, Any]], who: Callable[[str], str],
               language: str) -> dict[str, Any]:
    """Describe the frame plan, and for a lesson its chapters, diagrams, card and flags."""
    rate = plan.rate
    fps = float(rate)
    kept_ranges = []
    for kept in plan.kept:
        kept_ranges.append({
            "sequence_id": kept.sequence_id,
            "media_id": kept.media_id,
            "title": kept.title,
            "in_frame": kept.in_frame,
            "out_frame": kept.out_frame,
            "in_s": round(kept.in_frame / fps, 3),
            "out_s": round((kept.out_frame + 1) / fps, 3),
            "kept_frames": kept.kept_frames,
            "cut_frames": kept.cut_frames,
            "output_start_frame": kept.output_start,
            "output_start_s": None if kept.output_start is None
            else round(kept.output_start / fps, 3),
        })
    facts: dict[str, Any] = {
        "kind": "media" if lesson is None else "lesson",
        "frame_rate": f"{rate.numerator}/{rate.denominator}",
        "card_frames": plan.lead_frames,
        "total_frames": plan.total_frames,
        "kept_ranges": kept_ranges,
        "cut_ranges": [{"media_id": media_id, "first_frame": first, "last_frame": last,
                        "start_s": round(first / fps, 3), "end_s": round((last + 1) / fps, 3)}
                       for media_id, ranges in plan.cut_ranges.items() for first, last in ranges],
        "files": files,
    }
    if lesson is None:
        return facts

    facts["chapters"] = [{"title": chapter.title, "sequence_id": chapter.sequence_id,
                          "start_frame": chapter.start_frame, "end_frame": chapter.end_frame,
                          "start_s": round(plan.seconds(chapter.start_frame), 3),
                          "end_s": round(plan.seconds(chapter.end_frame), 3)}
                         for chapter in plan.chapters]
    facts["diagrams"] = [{"id": diagram.id, "kind": diagram.kind, "media_id": diagram.media_id,
                          "start_frame": diagram.start_frame, "end_frame": diagram.end_frame,
                          "start_s": round(diagram.start_frame / fps, 3),
                          "end_s": round((diagram.end_frame + 1) / fps, 3),
                          "points": [[round(float(x), 1), round(float(y), 1)]
                                     for x, y in diagram.points],
                          "text": diagram.text, "color": diagram.color, "width": diagram.width,
                          "image_object_id": diagram.image_object_id}
                         for diagram in lesson.diagrams]
    facts["voice_ranges"] = [{"media_id": voice.media_id, "start_frame": voice.start_frame,
                              "end_frame": voice.end_frame, "mode": voice.mode,
                              "params": dict(voice.params), "decided_by": who(voice.decided_by),
                              "decided_at": voice.decided_at}
                             for voice in lesson.voice_ranges]
    facts["card"] = _card_facts(lesson, plan, language)
    acknowledgements = lesson.card.acknowledgements if lesson.card is not None else []
    facts["acknowledgements"] = [{"field": ack.field_name, "kind": ack.flag_kind,
                                  "fingerprint": ack.fingerprint, "user": who(ack.user),
                                  "at": ack.at} for ack in acknowledgements]
    facts["captions"] = len(lesson.captions)
    return facts


def _card_facts(lesson: Lesson, plan: FramePlan, language: str) -> dict[str, Any] | None:
    from app.edit.card import age_band_label, card_has_content

    card = lesson.card
    if card is None or not card_has_content(card) or not plan.lead_frames:
        return None
    return {
        "procedure": card.procedure,
        "pathology": card.pathology,
        "team": card.team,
        "age_band": age_band_label(card.age_band, language) if card.age_band else "",
        "history": card.history,
        "duration_s": round(plan.seconds(plan.lead_frames), 3),
    }

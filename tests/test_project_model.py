import json

from app.project.migrations import migrate
from app.project.model import (
    SCHEMA_VERSION,
    Box,
    CaseProject,
    ContextCard,
    Diagram,
    Keyframe,
    MediaProject,
    Sample,
    Sequence,
    Track,
)


def make_project() -> CaseProject:
    project = CaseProject(case_id="c-1")
    media = MediaProject("m-1", 640, 360, 100, 25.0)
    auto = Track(id="T0001", kind="face", origin="auto", start_frame=10, end_frame=20,
                 detector="face", samples=[Sample(10, Box(0, 0, 10, 10), 0.9),
                                           Sample(20, Box(10, 0, 10, 10), 0.7)], hold_frames=3)
    manual = Track(id="T0002", kind="manual", origin="manual", start_frame=0, end_frame=5,
                   keyframes=[Keyframe(0, Box(1, 1, 5, 5))])
    media.tracks += [auto, manual]
    project.media["m-1"] = media
    project.lesson.sequences.append(Sequence("S001", "m-1", 0, 49, "Dissection"))
    project.lesson.diagrams.append(Diagram("D001", "m-1", 0, 10, "arrow", [[1, 2], [30, 40]]))
    project.lesson.card = ContextCard(procedure="Cholécystectomie", age_band="40-49")
    return project


def test_roundtrip_through_json() -> None:
    project = make_project()
    text = json.dumps(project.to_dict())
    again = CaseProject.from_dict(json.loads(text))
    assert again.to_dict() == project.to_dict()
    assert again.lesson.card is not None
    assert again.lesson.card.procedure == "Cholécystectomie"


def test_interpolation_and_hold() -> None:
    track = make_project().media["m-1"].track("T0001")
    assert track.box_at(15) == Box(5, 0, 10, 10)
    assert track.box_at(23) == Box(10, 0, 10, 10)  # held after the last observation
    assert track.box_at(24) is None
    assert track.is_applied_at(23)
    assert not track.is_applied_at(24)


def test_rejected_range_not_applied() -> None:
    track = make_project().media["m-1"].track("T0001")
    track.rejected_ranges.append((12, 14))
    assert track.is_applied_at(11)
    assert not track.is_applied_at(13)
    track.status = "rejected"
    assert not track.is_applied_at(11)


def test_version_1_document_migrates() -> None:
    document = make_project().to_dict()
    document["schema_version"] = 1
    del document["lesson"]
    migrated = migrate(document)
    assert migrated["schema_version"] == SCHEMA_VERSION
    project = CaseProject.from_dict(migrated)
    assert project.lesson.sequences == []


def test_newer_document_rejected() -> None:
    import pytest

    from app.errors import VaultError

    document = make_project().to_dict()
    document["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(VaultError):
        CaseProject.from_dict(document)

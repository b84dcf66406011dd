"""The re-identification check of the card, captions, chapter titles and labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.edit.reidentification import (
    acknowledge,
    check_lesson,
    find_phrases,
    fingerprint,
    require_no_flags,
    unresolved_flags,
)
from app.errors import ExportError
from app.project.model import Caption, ContextCard, Diagram, Lesson, Sequence


def kinds_of(text: str) -> list[tuple[str, str]]:
    return [(kind, text[start:end]) for kind, start, end in find_phrases(text)]


def test_acceptance_sentence_flags_age_date_place() -> None:
    found = kinds_of("patient de 47 ans opéré le 12/03/2024 à Strasbourg")
    assert [kind for kind, _ in found] == ["age", "date", "place"]
    assert ("place", "Strasbourg") in found
    assert ("date", "12/03/2024") in found


@pytest.mark.parametrize(("text", "kind", "phrase"), [
    ("a 47-year-old man", "age", "47-year-old"),
    ("âgée de 63 ans", "age", "âgée de 63"),
    ("nourrisson de 3 mois", "age", "nourrisson de 3 mois"),
    ("opéré le 1er janvier 2023", "date", "1er janvier 2023"),
    ("operated on March 12, 2024", "date", "March 12, 2024"),
    ("seen on 2024-03-12", "date", "2024-03-12"),
    ("admis hier soir", "date", "hier"),
    ("opérée en 2019", "date", "2019"),
    ("IPP 0047113", "identifier", "IPP 0047113"),
    ("dossier 12345678", "identifier", "12345678"),
    ("joindre le 06 12 34 56 78", "identifier", "06 12 34 56 78"),
    ("au CHU de Nantes", "place", "CHU de Nantes"),
    ("à l'hôpital Necker", "place", "hôpital Necker"),
    ("transférée à la clinique Pasteur", "place", "clinique Pasteur"),
    ("patient de l'AP-HP", "place", "AP-HP"),
    ("opéré par le Dr Martin", "proper_name", "Dr Martin"),
    ("Opérée par Jeanne Dupont hier", "proper_name", "Jeanne Dupont"),
    ("une maladie orpheline", "rare_disease", "maladie orpheline"),
    ("syndrome de Marfan", "rare_disease", "Marfan"),
    ("situs inversus complet", "rare_disease", "situs inversus"),
])
def test_phrase_is_flagged(text: str, kind: str, phrase: str) -> None:
    assert (kind, phrase) in kinds_of(text)


@pytest.mark.parametrize("text", [
    "Cholécystectomie par voie laparoscopique",
    "Dissection du triangle de Calot",
    "Résection iléo-caecale pour maladie de Crohn",
    "Hernie inguinale selon Lichtenstein",
    "Now we clip the cystic artery. Then we divide it.",
    "Lithiase vésiculaire symptomatique, score ASA 2",
])
def test_ordinary_teaching_text_is_not_flagged(text: str) -> None:
    assert kinds_of(text) == []


def lesson_with_card(history: str) -> Lesson:
    return Lesson(card=ContextCard(procedure="Cholécystectomie", history=history))


def test_every_lesson_text_is_checked() -> None:
    lesson = Lesson(card=ContextCard(team="Équipe du Pr Martin"),
                    captions=[Caption(0, 1, "opéré le 12/03/2024")],
                    sequences=[Sequence("S1", "m", 0, 1, "Patient de Lyon")],
                    diagrams=[Diagram("D1", "m", 0, 1, "text", [[0, 0]], text="IPP 123456")])
    fields = {(flag.field_name, flag.kind) for flag in check_lesson(lesson)}
    assert fields == {("card.team", "proper_name"), ("caption", "date"), ("chapter", "place"),
                      ("diagram", "identifier")}


def test_acknowledgement_resolves_flag_without_text() -> None:
    lesson = lesson_with_card("patient de 47 ans opéré le 12/03/2024 à Strasbourg")
    flags = unresolved_flags(lesson)
    assert len(flags) == 3
    ack = acknowledge(lesson, flags[0].id, "u-1")
    # The fingerprint is random-looking hex and may contain "47"; only the readable fields must not.
    for value in (ack.field_name, ack.flag_kind, ack.user, ack.at):
        assert "47 ans" not in value
        assert "Strasbourg" not in value
    assert len(ack.fingerprint) == 32
    assert len(unresolved_flags(lesson)) == 2
    for flag in unresolved_flags(lesson):
        acknowledge(lesson, flag.id, "u-1")
    assert unresolved_flags(lesson) == []
    require_no_flags(lesson)


def test_edited_text_is_flagged_again() -> None:
    lesson = lesson_with_card("opéré à Strasbourg")
    acknowledge(lesson, unresolved_flags(lesson)[0].id, "u-1")
    assert lesson.card is not None
    lesson.card.history = "opéré à Colmar"
    assert [flag.kind for flag in unresolved_flags(lesson)] == ["place"]


def test_fingerprint_depends_on_the_key() -> None:
    first = fingerprint(b"a" * 32, "card.history", "place", "Strasbourg")
    assert first == fingerprint(b"a" * 32, "card.history", "place", "  strasbourg ")
    assert first != fingerprint(b"b" * 32, "card.history", "place", "Strasbourg")


def test_unknown_flag_id_is_reported() -> None:
    with pytest.raises(ExportError) as raised:
        acknowledge(lesson_with_card("rien"), "deadbeef", "u-1")
    assert raised.value.key == "edit.flag_not_found"


def test_blocked_export_names_kinds_not_text(vault, tmp_path: Path) -> None:
    from app.export.exporter import export_lesson
    from tests.edit.clips import write_numbered_clip

    record = vault.import_media(write_numbered_clip(tmp_path / "n.mp4", frames=10,
                                                    tone_hz=None), "cas")
    project = vault.load_project(record.case_id)
    project.lesson.card = ContextCard(history="patient de 47 ans opéré le 12/03/2024 à Strasbourg")
    vault.save_project(project)
    with pytest.raises(ExportError) as raised:
        export_lesson(vault, record.case_id, tmp_path / "out")
    assert raised.value.key == "export.card_flags"
    message = raised.value.message("fr")
    for label in ("âge exact", "date", "nom de lieu"):
        assert label in message
    for secret in ("Strasbourg", "47 ans"):
        assert secret not in message
    assert not (tmp_path / "out").exists()

    project = vault.load_project(record.case_id)
    for flag in unresolved_flags(project.lesson):
        acknowledge(project.lesson, flag.id, vault.user.id)
    vault.save_project(project)
    with pytest.raises(ExportError) as raised:
        export_lesson(vault, record.case_id, tmp_path / "out")
    assert raised.value.key == "detector.run_missing"  # the flags no longer block

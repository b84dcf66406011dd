"""Diagrams drawn over frames, the context card, and the WebVTT and OTIO sidecars."""

from __future__ import annotations

import io
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from app.edit.card import age_band_label, check_card, render_card
from app.edit.diagrams import (
    DiagramLayer,
    apply_overlays,
    check_diagram,
    decode_image,
    import_diagram_image,
    render_diagram,
)
from app.edit.plan import build_plan
from app.edit.sidecars import captions_vtt, chapters_vtt, parse_vtt, placed_captions, vtt_timestamp
from app.errors import ExportError, MediaError
from app.project.model import (
    Caption,
    CaseProject,
    ContextCard,
    Diagram,
    MediaProject,
    Sequence,
)

SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
       b'<rect width="40" height="20" fill="#00ff00"/>'
       b'<text x="2" y="15" font-size="12" fill="#000">\xc3\xa9t\xc3\xa9</text></svg>')


def grey_yuv(width: int = 320, height: int = 240) -> np.ndarray:
    rgb = np.full((height, width, 3), 60, dtype=np.uint8)
    frame = av.VideoFrame.from_ndarray(rgb, format="rgb24")
    return np.ascontiguousarray(frame.reformat(format="yuv420p").to_ndarray())


def to_rgb(yuv: np.ndarray) -> np.ndarray:
    return av.VideoFrame.from_ndarray(yuv, format="yuv420p").to_ndarray(format="rgb24")


@pytest.mark.parametrize(("kind", "points"), [
    ("arrow", [[20, 20], [200, 120]]), ("circle", [[50, 50], [150, 120]]),
    ("rect", [[10, 10], [100, 80]]), ("freehand", [[10, 200], [60, 180], [120, 210]]),
])
def test_shapes_draw_in_their_colour(kind: str, points: list[list[float]]) -> None:
    overlay = render_diagram(Diagram("D1", "m", 0, 9, kind, points, color="#ff0000", width=5),
                             320, 240)
    assert overlay is not None
    opaque = overlay.rgba[..., 3] > 250
    assert opaque.sum() > 100
    assert (overlay.rgba[opaque][:, :3] == [255, 0, 0]).all()
    assert overlay.x % 2 == 0
    assert overlay.y % 2 == 0


def test_arrow_blends_where_drawn() -> None:
    yuv = grey_yuv()
    overlay = render_diagram(Diagram("D1", "m", 0, 9, "arrow", [[20, 200], [220, 60]], width=6),
                             320, 240)
    assert overlay is not None
    apply_overlays(yuv, 320, 240, [overlay])
    rgb = to_rgb(yuv)
    red, green, blue = (int(value) for value in rgb[130, 120])  # halfway along the shaft
    assert red > 200
    assert green > 170
    assert blue < 100
    assert (rgb[20, 300] == rgb[230, 10]).all()  # far from the arrow: untouched grey


def test_label_with_accents_renders() -> None:
    overlay = render_diagram(Diagram("D1", "m", 0, 9, "text", [[10, 10]], text="Canal cystique é"),
                             320, 240)
    assert overlay is not None
    assert overlay.rgba.shape[1] > 100  # 24 px tall text, sixteen characters wide


def test_images_png_and_svg(vault, tmp_path: Path) -> None:
    png = tmp_path / "schéma.png"
    Image.new("RGBA", (30, 10), (0, 0, 255, 255)).save(png)
    svg = tmp_path / "schéma.svg"
    svg.write_bytes(SVG)
    for path, colour in ((png, (0, 0, 255)), (svg, (0, 255, 0))):
        object_id = import_diagram_image(vault, path)
        reader = vault.open_object(object_id)
        data = reader.read()
        reader.close()
        layer = DiagramLayer([Diagram("D1", "m", 5, 9, "image", [[100, 100], [160, 140]],
                                      image_object_id=object_id)], 320, 240,
                             lambda _, image=data: image)
        assert layer.overlays_at(4) == []
        [overlay] = layer.overlays_at(5)
        assert (overlay.x, overlay.y) == (100, 100)
        assert tuple(overlay.rgba[5, 5, :3]) == colour


def test_svg_text_uses_bundled_font() -> None:
    image = decode_image(SVG)
    assert image.size == (40, 20)
    pixels = np.asarray(image)
    assert (pixels[..., 1] < 128).any()  # the black text marks the green box


def test_other_images_are_rejected(tmp_path: Path) -> None:
    jpeg = io.BytesIO()
    Image.new("RGB", (4, 4)).save(jpeg, format="JPEG")
    with pytest.raises(MediaError) as raised:
        decode_image(jpeg.getvalue())
    assert raised.value.key == "edit.image_unsupported"


@pytest.mark.parametrize(("diagram", "problem"), [
    (Diagram("D1", "m", 0, 9, "star", [[0, 0], [1, 1]]), "type"),
    (Diagram("D1", "m", 0, 9, "arrow", [[0, 0]]), "points"),
    (Diagram("D1", "m", 9, 0, "rect", [[0, 0], [1, 1]]), "plage"),
    (Diagram("D1", "m", 0, 9, "text", [[0, 0]], text=" "), "étiquette"),
    (Diagram("D1", "m", 0, 9, "rect", [[0, 0], [1, 1]], color="jaune-ish"), "couleur"),
])
def test_invalid_diagrams_are_named(diagram: Diagram, problem: str) -> None:
    from app.i18n import set_language

    set_language("fr")
    try:
        with pytest.raises(ExportError) as raised:
            check_diagram(diagram)
        assert problem in raised.value.message("fr")
    finally:
        set_language(None)


def test_card_renders_every_field() -> None:
    card = ContextCard(procedure="Cholécystectomie", pathology="Lithiase", team="Équipe",
                       age_band="80_plus", history="Coliques " * 60, duration_s=3)
    rgb = render_card(card, 640, 360, "fr")
    assert rgb.shape == (360, 640, 3)
    assert len(np.unique(rgb.reshape(-1, 3), axis=0)) > 20
    assert age_band_label("under_18", "fr") == "moins de 18 ans"
    assert age_band_label("80_plus", "en") == "80 and over"


def test_exact_age_is_not_an_age_band() -> None:
    with pytest.raises(ExportError) as raised:
        check_card(ContextCard(age_band="47"))
    assert raised.value.key == "edit.bad_age_band"


def plan_for_sidecars() -> object:
    project = CaseProject(case_id="c")
    project.media["m"] = MediaProject("m", 320, 240, 500, 25.0)
    project.lesson.sequences = [Sequence("S1", "m", 100, 149, "Exposition <1> & suite"),
                                Sequence("S2", "m", 0, 24, "Clipping")]
    return build_plan(project, Fraction(25), lead_frames=50, opening_title="Introduction")


def test_chapters_vtt_round_trip() -> None:
    plan = plan_for_sidecars()
    text = chapters_vtt(plan.chapters, plan)
    assert text.startswith("WEBVTT\n\n")
    assert "Exposition &lt;1&gt; &amp; suite" in text
    cues = parse_vtt(text)
    assert [(start, end) for start, end, _ in cues] == [(0.0, 2.0), (2.0, 4.0), (4.0, 5.0)]
    assert vtt_timestamp(3725.5) == "01:02:05.500"


def test_captions_shift_after_card() -> None:
    plan = plan_for_sidecars()
    placed = placed_captions([Caption(0.5, 1.5, "Ouverture\n\nfin"), Caption(9.0, 12.0, "tard")],
                             plan)
    assert placed == [(2.5, 3.5, "Ouverture\n\nfin")]
    assert parse_vtt(captions_vtt(placed)) == [(2.5, 3.5, "Ouverture\nfin")]
    with pytest.raises(ExportError):
        placed_captions([Caption(2.0, 1.0, "x")], plan)

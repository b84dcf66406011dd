"""Build the bundled example clip from the public-domain astronaut photograph.

The clip pans slowly over the photo (a real face) and carries a fictitious,
endoscopy-tower-style overlay line with a made-up patient name, birth date and
patient ID, so the demo shows both face and burned-in text redaction cases.

Usage: python tools/make_example.py   (writes resources/examples/astronaut_pan.mp4)
"""

import os
import sys
from pathlib import Path

import av
import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter

ROOT = Path(__file__).resolve().parents[1]
PHOTO = ROOT / "resources" / "examples" / "astronaut.png"
OUTPUT = ROOT / "resources" / "examples" / "astronaut_pan.mp4"
WIDTH, HEIGHT, FPS, SECONDS = 640, 360, 25, 6
OVERLAY = "Hélène D'ANGELO   née le 12/03/1979   IPP 0047113   04/12/2026 09:41"


def main() -> int:
    app = QGuiApplication(sys.argv)
    font_id = QFontDatabase.addApplicationFont(str(ROOT / "resources" / "fonts" / "DejaVuSans.ttf"))
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    photo = QImage(str(PHOTO)).convertToFormat(QImage.Format.Format_RGB888)
    scaled = photo.scaledToHeight(HEIGHT + 80)

    container = av.open(str(OUTPUT), mode="w", format="mp4", options={"fflags": "+bitexact"})
    stream = container.add_stream("libx264", rate=FPS)
    stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
    stream.options = {"crf": "26", "preset": "slow"}
    frames = FPS * SECONDS
    for index in range(frames):
        canvas = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB888)
        canvas.fill(QColor(12, 12, 16))
        painter = QPainter(canvas)
        t = index / (frames - 1)
        x = int(-40 + 200 * t)
        y = int(-40 + 30 * t)
        painter.drawImage(x, y, scaled)
        painter.fillRect(0, HEIGHT - 26, WIDTH, 26, QColor(0, 0, 0))
        painter.setPen(QColor(235, 235, 235))
        painter.setFont(QFont(family, 10))
        painter.drawText(8, HEIGHT - 9, OVERLAY)
        painter.end()
        pointer = canvas.constBits()
        rows = np.frombuffer(pointer, dtype=np.uint8).reshape(HEIGHT, canvas.bytesPerLine())
        rgb = np.ascontiguousarray(rows[:, : WIDTH * 3].reshape(HEIGHT, WIDTH, 3))
        frame = av.VideoFrame.from_ndarray(rgb, format="rgb24")
        frame.pts = index
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode(None):
        container.mux(packet)
    container.close()
    del app
    print(OUTPUT, OUTPUT.stat().st_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())

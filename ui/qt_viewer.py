"""The viewer: the current frame with the redaction regions drawn over it, zoom and pan.

Scene coordinates are source pixels, the project's coordinates, whatever
picture is shown: a proxy frame is scaled up to the source size. Regions are
graphics items on top of the picture. Dragging a region moves it, dragging a
handle resizes it; on release the viewer emits ``box_edited`` and the document
turns it into a keyframe. In drawing mode, dragging on the picture draws a new
region. The wheel zooms around the pointer; the middle button (or the left one
on the picture, outside drawing mode) pans.

Teaching diagrams are drawn above the regions as the exporter renders them
(``DiagramView`` images). With a diagram tool chosen, dragging draws one (a
click places a text label or an image); outside a tool, dragging a diagram by
one of its painted pixels moves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from app.project.model import Box
from ui.qt_style import REJECTED_COLOUR, kind_colour

HANDLE_PIXELS = 7  # half-size of a resize handle, in screen pixels
MIN_BOX = 4.0  # source pixels
ZOOM_STEP = 1.25
MAX_ZOOM = 16.0
DIAGRAM_Z = 30  # above the regions (10) and the region being drawn (20)
POINT_DIAGRAMS = ("text", "image")  # placed by one click


@dataclass(frozen=True)
class DiagramView:
    """A diagram rendered as the export draws it: an RGBA image placed at ``x``, ``y``."""

    diagram_id: str
    image: QImage
    x: int
    y: int
    selected: bool


@dataclass(frozen=True)
class RegionView:
    """The region the viewer draws for one track on the current frame."""

    track_id: str
    kind: str
    box: Box
    applied: bool
    selected: bool
    ellipse: bool
    label: str
    filled: bool = True  # off while previewing the export, so the redacted pixels show


class QtRegionLabel(QGraphicsItem):
    """The track's name on a dark tag at the region's corner, the same size at every zoom."""

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.text = ""
        self.colour = QColor("white")

    def set_text(self, text: str, colour: QColor) -> None:
        self.prepareGeometryChange()
        self.text = text
        self.colour = colour
        self.update()

    def boundingRect(self) -> QRectF:
        metrics = QFontMetricsF(QFont())
        return QRectF(0, -metrics.height() - 2, metrics.horizontalAdvance(self.text) + 8,
                      metrics.height() + 2)

    def paint(self, painter: QPainter, option: Any, widget: QWidget | None = None) -> None:
        rect = self.boundingRect()
        painter.fillRect(rect, QColor(0, 0, 0, 170))
        painter.setPen(self.colour)
        painter.setFont(QFont())
        painter.drawText(rect.adjusted(4, 0, 0, 0), int(Qt.AlignmentFlag.AlignVCenter), self.text)


class QtRegionItem(QGraphicsRectItem):
    """One redaction region; the view does the dragging, the item only draws itself."""

    def __init__(self, region: RegionView) -> None:
        super().__init__()
        self.track_id = region.track_id
        self.region = region
        self.setZValue(10)
        self.label = QtRegionLabel(self)
        self.update_region(region)

    def update_region(self, region: RegionView) -> None:
        self.region = region
        self.setRect(QRectF(region.box.x, region.box.y, region.box.w, region.box.h))
        colour = kind_colour(region.kind) if region.applied else REJECTED_COLOUR
        pen = QPen(colour, 3 if region.selected else 2)
        pen.setCosmetic(True)
        if not region.applied:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(70 if region.selected else 35)
        self.setBrush(QBrush(fill) if region.applied and region.filled else Qt.BrushStyle.NoBrush)
        self.label.set_text(region.label, colour.lighter(140))
        self.label.setPos(region.box.x, region.box.y)

    def paint(self, painter: QPainter, option: Any, widget: QWidget | None = None) -> None:
        painter.setPen(self.pen())
        painter.setBrush(self.brush())
        if self.region.ellipse:
            painter.drawEllipse(self.rect())
            dashed = QPen(self.pen())
            dashed.setStyle(Qt.PenStyle.DotLine)
            dashed.setWidth(1)
            painter.setPen(dashed)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect())
        else:
            painter.drawRect(self.rect())
        if self.region.selected:
            scale = painter.worldTransform().m11() or 1.0
            half = HANDLE_PIXELS / scale
            painter.setBrush(QBrush(QColor("white")))
            pen = QPen(QColor("black"), 1)
            pen.setCosmetic(True)
            painter.setPen(pen)
            for point in _handle_points(self.rect()):
                painter.drawRect(QRectF(point.x() - half, point.y() - half, 2 * half, 2 * half))


def _handle_points(rect: QRectF) -> list[QPointF]:
    """Corners and edge midpoints, in the order of ``_HANDLE_EDGES``."""
    left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
    middle_x, middle_y = rect.center().x(), rect.center().y()
    return [QPointF(left, top), QPointF(middle_x, top), QPointF(right, top),
            QPointF(right, middle_y), QPointF(right, bottom), QPointF(middle_x, bottom),
            QPointF(left, bottom), QPointF(left, middle_y)]


# Edges moved by each handle, as (left, top, right, bottom) factors.
_HANDLE_EDGES = [(1, 1, 0, 0), (0, 1, 0, 0), (0, 1, 1, 0), (0, 0, 1, 0), (0, 0, 1, 1),
                 (0, 0, 0, 1), (1, 0, 0, 1), (1, 0, 0, 0)]


class QtViewer(QGraphicsView):
    """Shows frames and regions; emits the user's region edits."""

    region_clicked = Signal(str)
    box_edited = Signal(str, object)
    region_drawn = Signal(object)
    frame_painted = Signal()
    diagram_drawn = Signal(str, object)  # kind, points as [[x, y], ...] in source pixels
    diagram_clicked = Signal(str)
    diagram_moved = Signal(str, float, float)  # id, dx, dy in source pixels

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(QBrush(QColor("#1e1e1e")))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.picture = QGraphicsPixmapItem()
        self.picture.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.picture)
        self.source_size = (0, 0)
        self.shown_frame = -1
        self.shown_exact = False
        self.draw_mode = False
        self.editable = True
        self._items: dict[str, QtRegionItem] = {}
        self._fitted = True
        self._drag: dict[str, Any] | None = None
        self._draw_item: QGraphicsRectItem | None = None
        self.diagram_tool = ""  # a diagram kind while drawing diagrams, else ""
        self._diagrams: dict[str, tuple[QGraphicsPixmapItem, DiagramView]] = {}
        self._sketch: QGraphicsPathItem | None = None

    # ----------------------------------------------------------------- content

    def set_source_size(self, width: int, height: int) -> None:
        self.source_size = (width, height)
        self.scene().setSceneRect(QRectF(0, 0, width, height))
        self.picture.setPixmap(QPixmap())
        self.shown_frame = -1
        self.fit()

    def show_image(self, index: int, image: QImage, exact: bool) -> None:
        """Show a decoded frame; a proxy frame is stretched to the source size."""
        self.picture.setPixmap(QPixmap.fromImage(image))
        width, height = self.source_size
        if image.width() and image.height() and width and height:
            self.picture.setTransform(QTransform.fromScale(width / image.width(),
                                                           height / image.height()))
        self.shown_frame = index
        self.shown_exact = exact
        self.frame_painted.emit()

    def set_regions(self, regions: list[RegionView]) -> None:
        """Draw exactly these regions (one per track id), reusing items."""
        if self._drag is not None:
            return
        wanted = {region.track_id: region for region in regions}
        for track_id in list(self._items):
            if track_id not in wanted:
                self.scene().removeItem(self._items.pop(track_id))
        for track_id, region in wanted.items():
            item = self._items.get(track_id)
            if item is None:
                item = QtRegionItem(region)
                self._items[track_id] = item
                self.scene().addItem(item)
            else:
                item.update_region(region)
                item.update()

    def region_item(self, track_id: str) -> QtRegionItem | None:
        return self._items.get(track_id)

    def set_diagrams(self, diagrams: list[DiagramView]) -> None:
        """Show exactly these diagrams, each a pixmap above the regions."""
        if self._drag is not None and self._drag["mode"] == "move_diagram":
            return
        wanted = {view.diagram_id: view for view in diagrams}
        for diagram_id in list(self._diagrams):
            if diagram_id not in wanted:
                self.scene().removeItem(self._diagrams.pop(diagram_id)[0])
        for diagram_id, view in wanted.items():
            entry = self._diagrams.get(diagram_id)
            item = entry[0] if entry is not None else QGraphicsPixmapItem()
            if entry is None or entry[1].image is not view.image:
                item.setPixmap(QPixmap.fromImage(view.image))
            if entry is None:
                item.setZValue(DIAGRAM_Z)
                self.scene().addItem(item)
            item.setPos(view.x, view.y)
            item.setOpacity(0.85 if view.selected else 1.0)
            self._diagrams[diagram_id] = (item, view)

    def diagram_ids(self) -> list[str]:
        return list(self._diagrams)

    def _diagram_at(self, scene_point: QPointF) -> str:
        """Return the id of the topmost diagram with a painted pixel near ``scene_point``."""
        radius = max(2, round(HANDLE_PIXELS / max(self.zoom, 1e-6)))
        for diagram_id, (_item, view) in reversed(list(self._diagrams.items())):
            x = round(scene_point.x()) - view.x
            y = round(scene_point.y()) - view.y
            image = view.image
            for dy in range(-radius, radius + 1, max(1, radius // 2)):
                for dx in range(-radius, radius + 1, max(1, radius // 2)):
                    px, py = x + dx, y + dy
                    if 0 <= px < image.width() and 0 <= py < image.height() and \
                            image.pixelColor(px, py).alpha() > 0:
                        return diagram_id
        return ""

    # ----------------------------------------------------------------- zoom and pan

    def fit(self) -> None:
        self._fitted = True
        if self.source_size[0] > 0:
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def zoom_by(self, factor: float) -> None:
        current = self.transform().m11()
        target = min(MAX_ZOOM, max(0.05, current * factor))
        self._fitted = False
        self.scale(target / current, target / current)

    def zoom_actual(self) -> None:
        self._fitted = False
        self.setTransform(QTransform())

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP ** steps)
        event.accept()

    # ----------------------------------------------------------------- mouse editing

    def _item_and_handle_at(self, position: QPointF) -> tuple[QtRegionItem | None, int]:
        """Return the region under a viewport position and the handle hit (-1: the body)."""
        scene_point = self.mapToScene(position.toPoint())
        tolerance = HANDLE_PIXELS / max(self.zoom, 1e-6)
        for item in sorted(self._items.values(), key=lambda it: not it.region.selected):
            if item.region.selected:
                for number, point in enumerate(_handle_points(item.rect())):
                    if abs(point.x() - scene_point.x()) <= tolerance and \
                            abs(point.y() - scene_point.y()) <= tolerance:
                        return item, number
        smallest_first = sorted(self._items.values(),
                                key=lambda it: it.rect().width() * it.rect().height())
        for item in smallest_first:
            grown = item.rect().adjusted(-tolerance, -tolerance, tolerance, tolerance)
            if grown.contains(scene_point):
                return item, -1
        return None, -1

    def mousePressEvent(self, event: QMouseEvent) -> None:
        scene_point = self.mapToScene(event.position().toPoint())
        if event.button() == Qt.MouseButton.MiddleButton:
            self._start_pan(event)
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        if self.diagram_tool and self.editable:
            self._start_sketch(scene_point)
            return
        diagram_id = self._diagram_at(scene_point) if not self.draw_mode else ""
        if diagram_id:
            self.diagram_clicked.emit(diagram_id)
            if self.editable:
                picture = self._diagrams[diagram_id][0]
                self._drag = {"mode": "move_diagram", "id": diagram_id, "origin": scene_point,
                              "pos": QPointF(picture.pos())}
            return
        if self.draw_mode and self.editable:
            self._draw_item = QGraphicsRectItem(QRectF(scene_point, scene_point))
            pen = QPen(QColor("#27ae60"), 2, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            self._draw_item.setPen(pen)
            self._draw_item.setZValue(20)
            self.scene().addItem(self._draw_item)
            self._drag = {"mode": "draw", "origin": scene_point}
            return
        item, handle = self._item_and_handle_at(event.position())
        if item is None:
            self._start_pan(event)
            return
        self.region_clicked.emit(item.track_id)
        if self.editable and item.region.selected:
            self._drag = {"mode": "move" if handle < 0 else "resize", "item": item,
                          "handle": handle, "origin": scene_point, "rect": QRectF(item.rect())}

    def _start_sketch(self, scene_point: QPointF) -> None:
        point = [scene_point.x(), scene_point.y()]
        if self.diagram_tool in POINT_DIAGRAMS:
            self.diagram_drawn.emit(self.diagram_tool, [point])
            return
        self._sketch = QGraphicsPathItem()
        pen = QPen(QColor("#ffd400"), 2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self._sketch.setPen(pen)
        self._sketch.setZValue(DIAGRAM_Z + 1)
        self.scene().addItem(self._sketch)
        self._drag = {"mode": "sketch", "points": [point]}

    def _update_sketch(self, scene_point: QPointF) -> None:
        assert self._drag is not None and self._sketch is not None
        points: list[list[float]] = self._drag["points"]
        point = [scene_point.x(), scene_point.y()]
        if self.diagram_tool == "freehand":
            points.append(point)
        else:
            del points[1:]
            points.append(point)
        path = QPainterPath()
        first, *rest = points
        if self.diagram_tool == "rect" and rest:
            path.addRect(QRectF(QPointF(*first), QPointF(*rest[-1])).normalized())
        elif self.diagram_tool == "circle" and rest:
            path.addEllipse(QRectF(QPointF(*first), QPointF(*rest[-1])).normalized())
        else:
            path.moveTo(*first)
            for x, y in rest:
                path.lineTo(x, y)
        self._sketch.setPath(path)

    def _finish_sketch(self, drag: dict[str, Any]) -> None:
        if self._sketch is not None:
            self.scene().removeItem(self._sketch)
            self._sketch = None
        points: list[list[float]] = drag["points"]
        if len(points) < 2:
            return
        (x0, y0), (x1, y1) = points[0], points[-1]
        if self.diagram_tool != "freehand" and abs(x1 - x0) < MIN_BOX and abs(y1 - y0) < MIN_BOX:
            return
        self.diagram_drawn.emit(self.diagram_tool, [list(point) for point in points])

    def _start_pan(self, event: QMouseEvent) -> None:
        self._drag = {"mode": "pan", "last": event.position()}
        self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        drag = self._drag
        if drag is None:
            item, handle = self._item_and_handle_at(event.position())
            if item is not None and item.region.selected and self.editable:
                self.setCursor(Qt.CursorShape.SizeAllCursor if handle < 0
                               else Qt.CursorShape.CrossCursor)
            elif self.draw_mode:
                self.setCursor(Qt.CursorShape.CrossCursor)
            else:
                self.unsetCursor()
            super().mouseMoveEvent(event)
            return
        scene_point = self.mapToScene(event.position().toPoint())
        if drag["mode"] == "pan":
            delta = event.position() - drag["last"]
            drag["last"] = event.position()
            self.horizontalScrollBar().setValue(int(self.horizontalScrollBar().value() - delta.x()))
            self.verticalScrollBar().setValue(int(self.verticalScrollBar().value() - delta.y()))
        elif drag["mode"] == "draw" and self._draw_item is not None:
            self._draw_item.setRect(QRectF(drag["origin"], scene_point).normalized())
        elif drag["mode"] == "sketch":
            self._update_sketch(scene_point)
        elif drag["mode"] == "move_diagram":
            moving = self._diagrams.get(drag["id"])
            if moving is not None:
                moving[0].setPos(drag["pos"] + (scene_point - drag["origin"]))
        elif drag["mode"] in ("move", "resize"):
            dragged: QtRegionItem = drag["item"]
            dragged.setRect(self._dragged_rect(drag, scene_point))
            dragged.label.setPos(dragged.rect().topLeft())

    def _dragged_rect(self, drag: dict[str, Any], scene_point: QPointF) -> QRectF:
        start: QRectF = drag["rect"]
        dx = scene_point.x() - drag["origin"].x()
        dy = scene_point.y() - drag["origin"].y()
        if drag["mode"] == "move":
            return start.translated(dx, dy)
        left_edge, top_edge, right_edge, bottom_edge = _HANDLE_EDGES[drag["handle"]]
        left = start.left() + dx * left_edge
        top = start.top() + dy * top_edge
        right = start.right() + dx * right_edge
        bottom = start.bottom() + dy * bottom_edge
        return QRectF(QPointF(min(left, right - MIN_BOX), min(top, bottom - MIN_BOX)),
                      QPointF(max(right, left + MIN_BOX), max(bottom, top + MIN_BOX)))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag = self._drag, None
        self.unsetCursor()
        if drag is None:
            super().mouseReleaseEvent(event)
            return
        if drag["mode"] == "sketch":
            self._finish_sketch(drag)
        elif drag["mode"] == "move_diagram":
            scene_point = self.mapToScene(event.position().toPoint())
            delta = scene_point - drag["origin"]
            if abs(delta.x()) >= 1 or abs(delta.y()) >= 1:
                self.diagram_moved.emit(drag["id"], round(delta.x()), round(delta.y()))
        elif drag["mode"] == "draw" and self._draw_item is not None:
            rect = self._draw_item.rect().intersected(self.scene().sceneRect())
            self.scene().removeItem(self._draw_item)
            self._draw_item = None
            if rect.width() >= MIN_BOX and rect.height() >= MIN_BOX:
                self.region_drawn.emit(Box(rect.x(), rect.y(), rect.width(), rect.height()))
        elif drag["mode"] in ("move", "resize"):
            item: QtRegionItem = drag["item"]
            rect = item.rect()
            if rect != drag["rect"]:
                self.box_edited.emit(item.track_id, Box(rect.x(), rect.y(), rect.width(),
                                                        rect.height()))

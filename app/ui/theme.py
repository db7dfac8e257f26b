"""Light and dark: the one place that knows the app's own colours, and the View › Theme choice.

Widgets never hard-code a colour: they ask this module, which derives each one from the palette they are
drawn with (or picks it per scheme), checked to keep at least WCAG AA contrast (4.5:1) against the background
it is drawn on. The theme follows the system colour scheme unless the user picks Light or Dark; an override
uses the Fusion style with an explicit palette, so it looks the same on every platform.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QProxyStyle, QStyle, QStyleFactory

from app.ui import settings

SYSTEM, LIGHT, DARK = "system", "light", "dark"
MODES = (SYSTEM, LIGHT, DARK)
MIN_CONTRAST = 4.5  # WCAG AA for body text
_Role, _Group = QPalette.ColorRole, QPalette.ColorGroup


# -- colour arithmetic ------------------------------------------------------------------------------------
def mix(a: QColor, b: QColor, share_b: float) -> QColor:
    """``a`` blended towards ``b`` (``share_b`` 0..1)."""
    t = min(max(share_b, 0.0), 1.0)
    return QColor.fromRgbF(a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t,
                           a.blueF() * (1 - t) + b.blueF() * t)


def luminance(color: QColor) -> float:
    """WCAG relative luminance."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette if palette is not None else QGuiApplication.palette()
    return luminance(pal.color(_Role.Window)) < 0.2


def _readable_mix(a: QColor, b: QColor, share_b: float, against: list[QColor]) -> QColor:
    """``mix(a, b, share)`` with the share lowered until the result keeps MIN_CONTRAST (and a margin) with
    every colour in ``against``: whatever palette the system gives, the blend stays readable."""
    share = share_b
    while share > 0:
        colour = mix(a, b, share)
        if all(contrast(colour, other) >= MIN_CONTRAST + 0.2 for other in against):
            return colour
        share -= 0.05
    return QColor(a)


# -- the colours widgets ask for --------------------------------------------------------------------------
_cache: dict[tuple[str, int], QColor] = {}  # models ask on every paint: each palette is worked out once


def _cached(name: str, palette: QPalette, make: Callable[[], QColor]) -> QColor:
    key = (name, palette.cacheKey())
    colour = _cache.get(key)
    if colour is None:
        if len(_cache) > 256:
            _cache.clear()
        colour = _cache[key] = make()
    return QColor(colour)


def source_highlight(palette: QPalette, strong: bool = True) -> QColor:
    """Background of a fact's source sentence in the viewer (the current one strong, the others faint)."""
    base, mark, text = (palette.color(r) for r in (_Role.Base, _Role.Highlight, _Role.Text))
    return _cached(f"highlight{strong}", palette,
                   lambda: _readable_mix(base, mark, 0.45 if strong else 0.2, [text]))


def secondary_text(palette: QPalette) -> QColor:
    """Quieter text (removed parts, subtitles, hints, unticked facts) that still reads on base and window."""
    backgrounds = [palette.color(_Role.Base), palette.color(_Role.AlternateBase), palette.color(_Role.Window)]
    return _cached("secondary", palette, lambda: _readable_mix(palette.color(_Role.Text),
                                                               palette.color(_Role.Base), 0.45, backgrounds))


@dataclass(frozen=True)
class Pair:
    foreground: QColor
    background: QColor


def warning(palette: QPalette) -> Pair:
    """The over-budget note above the memo preview: amber, per scheme."""
    if is_dark(palette):
        return Pair(QColor("#ffd88a"), QColor("#4a3600"))
    return Pair(QColor("#7a4200"), QColor("#fff3cd"))


def conflict_mark(palette: QPalette) -> QColor:
    """The ⚠ beside a fact whose sources disagree, drawn on the fact tree's base."""
    return QColor("#ffb454") if is_dark(palette) else QColor("#a34400")


def preview_backdrop(palette: QPalette) -> Pair:
    """The frame behind the memo's (white) pages, and the text of the message shown there."""
    window = palette.color(_Role.Window)
    back = mix(window, QColor("black"), 0.35 if is_dark(palette) else 0.22)
    return Pair(palette.color(_Role.WindowText), back)


def pairs(palette: QPalette) -> dict[str, Pair]:
    """Every foreground/background pair the app colours itself (for the contrast test)."""
    base, alt, window = (palette.color(r) for r in (_Role.Base, _Role.AlternateBase, _Role.Window))
    text, secondary, mark = palette.color(_Role.Text), secondary_text(palette), conflict_mark(palette)
    return {
        "source highlight": Pair(text, source_highlight(palette, True)),
        "other sources": Pair(text, source_highlight(palette, False)),
        "removed text": Pair(secondary, base),
        "subtitle on alternate rows": Pair(secondary, alt),
        "caption hint": Pair(secondary, window),
        "conflict mark": Pair(mark, base),
        "conflict mark on alternate rows": Pair(mark, alt),
        "budget warning": warning(palette),
        "budget within": Pair(palette.color(_Role.WindowText), window),
        "preview message": preview_backdrop(palette),
    }


# -- palettes for an override -----------------------------------------------------------------------------
_LIGHT = {_Role.Window: "#efefef", _Role.WindowText: "#000000", _Role.Base: "#ffffff",
          _Role.AlternateBase: "#f5f5f5", _Role.ToolTipBase: "#ffffdc", _Role.ToolTipText: "#000000",
          _Role.PlaceholderText: "#6e6e6e", _Role.Text: "#000000", _Role.Button: "#efefef",
          _Role.ButtonText: "#000000", _Role.BrightText: "#ffffff", _Role.Light: "#ffffff",
          _Role.Midlight: "#cacaca", _Role.Mid: "#b8b8b8", _Role.Dark: "#9f9f9f", _Role.Shadow: "#767676",
          _Role.Highlight: "#3072c4", _Role.HighlightedText: "#ffffff", _Role.Link: "#0b57d0",
          _Role.LinkVisited: "#6a1b9a"}
_DARK = {_Role.Window: "#2b2b2e", _Role.WindowText: "#e8e8e8", _Role.Base: "#1e1e20",
         _Role.AlternateBase: "#27272a", _Role.ToolTipBase: "#3a3a3e", _Role.ToolTipText: "#e8e8e8",
         _Role.PlaceholderText: "#9a9a9a", _Role.Text: "#e8e8e8", _Role.Button: "#38383c",
         _Role.ButtonText: "#e8e8e8", _Role.BrightText: "#ffffff", _Role.Light: "#505055",
         _Role.Midlight: "#434347", _Role.Mid: "#2f2f33", _Role.Dark: "#1a1a1c", _Role.Shadow: "#0e0e0f",
         _Role.Highlight: "#2f65ad", _Role.HighlightedText: "#ffffff", _Role.Link: "#8ab4f8",
         _Role.LinkVisited: "#c58af9"}
_DISABLED = {LIGHT: {_Role.WindowText: "#8c8c8c", _Role.Text: "#8c8c8c", _Role.ButtonText: "#8c8c8c",
                     _Role.Highlight: "#919191"},
             DARK: {_Role.WindowText: "#8a8a8a", _Role.Text: "#8a8a8a", _Role.ButtonText: "#8a8a8a",
                    _Role.Highlight: "#45454a"}}


def palette_for(scheme: str) -> QPalette:
    """The explicit palette of the Light or Dark override."""
    pal = QPalette()
    for role, colour in (_DARK if scheme == DARK else _LIGHT).items():
        pal.setColor(role, QColor(colour))
    for role, colour in _DISABLED[DARK if scheme == DARK else LIGHT].items():
        pal.setColor(_Group.Disabled, role, QColor(colour))
    return pal


class _FusionStyle(QProxyStyle):
    """Fusion, with check boxes that keep a visible edge on a dark base (Fusion outlines them in a darker
    shade of the window colour, which vanishes on a dark palette)."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802 - Qt override
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PrimitiveElement.PE_IndicatorCheckBox and is_dark(option.palette):
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(secondary_text(option.palette))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(option.rect).adjusted(0.5, 0.5, -1.5, -1.5))
            painter.restore()


# -- following the system, or not -------------------------------------------------------------------------
def system_scheme() -> str:
    """DARK or LIGHT (an Unknown scheme, as on the offscreen platform, counts as light)."""
    return DARK if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark else LIGHT


class ThemeController(QObject):
    """One per application: applies a mode and, in System mode, follows the system's colour scheme."""

    changed = Signal(str)  # the scheme now shown: "light" or "dark"

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("themeController")
        self._app = app
        self._native_style = app.style().name()
        self._mode = SYSTEM
        self._overridden: str | None = None  # the scheme of the palette we set, None while native
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)

    @property
    def mode(self) -> str:
        return self._mode

    def scheme(self) -> str:
        return DARK if is_dark(self._app.palette()) else LIGHT

    def set_mode(self, mode: str) -> None:
        self._mode = mode if mode in MODES else SYSTEM
        self._apply()

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._mode == SYSTEM:
            self._apply()

    def _apply(self) -> None:
        wanted = self._mode if self._mode != SYSTEM else system_scheme()
        if self._mode == SYSTEM and self._overridden is None and (wanted == DARK) == is_dark(self._app.palette()):
            return  # the native style already shows the system's scheme: leave it be
        if self._mode == SYSTEM and wanted == LIGHT and self._overridden is not None:
            self._restore_native()
        elif self._overridden != wanted:
            self._app.setStyle(_FusionStyle())
            self._app.setPalette(palette_for(wanted))
            self._overridden = wanted
        self.changed.emit(self.scheme())

    def _restore_native(self) -> None:
        self._app.setStyle(QStyleFactory.create(self._native_style) or QStyleFactory.create("Fusion"))
        self._app.setPalette(QPalette())  # nothing set: the platform's own palette again, and it follows it
        self._overridden = None


def controller() -> ThemeController:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    found = app.findChild(ThemeController, "themeController")
    return found if found is not None else ThemeController(app)


# -- the View › Theme menu --------------------------------------------------------------------------------
_ACTIONS = ((SYSTEM, "actionThemeSystem", "&System", "Follow the system's light or dark colour scheme"),
            (LIGHT, "actionThemeLight", "&Light", "Dark text on a light background, whatever the system uses"),
            (DARK, "actionThemeDark", "&Dark", "Light text on a dark background, whatever the system uses"))


def install(window: QMainWindow, view_menu: QMenu) -> QActionGroup:
    """Add View › Theme to ``window`` and apply the mode remembered in the settings."""
    ctl = controller()
    menu = view_menu.addMenu("T&heme")
    menu.setObjectName("themeMenu")
    menu.menuAction().setObjectName("themeMenuAction")
    menu.menuAction().setToolTip("Light or dark colours, or follow the system")
    group = QActionGroup(window)
    group.setObjectName("themeActions")
    group.setExclusive(True)
    mode = settings.theme_mode()
    for key, name, text, tip in _ACTIONS:
        action = QAction(text, window, checkable=True)
        action.setObjectName(name)
        action.setData(key)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setChecked(key == mode)
        group.addAction(action)
        menu.addAction(action)

    def chosen(action: QAction) -> None:
        settings.remember_theme_mode(str(action.data()))
        controller().set_mode(str(action.data()))

    group.triggered.connect(chosen)
    ctl.set_mode(mode)
    return group


__all__ = ["DARK", "LIGHT", "MODES", "SYSTEM", "ThemeController", "conflict_mark", "contrast", "controller",
           "install", "is_dark", "luminance", "mix", "pairs", "palette_for", "preview_backdrop",
           "secondary_text", "source_highlight", "system_scheme", "warning"]

"""User and article text in tooltips and message boxes: always shown as text, never read as HTML.

Qt guesses: a tooltip, a QLabel or a QMessageBox whose text starts with something tag-like
(``<img src="/etc/passwd">``, an article title from a hand-edited project) is rendered as rich text, and
rich text loads the images it names from disk. ``tip`` hands Qt such text already escaped.
"""

from __future__ import annotations

from PySide6.QtGui import Qt


def tip(text: str) -> str:
    """``text`` for ``setToolTip`` / ``ToolTipRole``: unchanged unless Qt would take it for HTML, then escaped
    (line breaks kept)."""
    if not Qt.mightBeRichText(text):
        return text
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)

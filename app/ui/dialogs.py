"""Message boxes behind small functions, so tests can replace them and the window never blocks a test run."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget


def show_errors(parent: QWidget | None, title: str, lines: Sequence[str]) -> None:
    """One warning naming every problem; the first few in the text, all of them under "Show Details"."""
    lines = [str(line) for line in lines]
    box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok, parent)
    shown = lines[:8]
    more = f"\n… and {len(lines) - len(shown)} more" if len(lines) > len(shown) else ""
    box.setInformativeText("\n".join(shown) + more)
    if len(lines) > len(shown):
        box.setDetailedText("\n".join(lines))
    box.exec()


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    show_errors(parent, title, [message])


def show_about(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.about(parent, title, text)

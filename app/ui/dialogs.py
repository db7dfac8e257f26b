"""Message boxes behind small functions, so tests can replace them and the window never blocks a test run."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
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
    _plain(box)
    box.exec()


def _plain(box: QMessageBox) -> None:
    """File names and messages quoting a file's content are text: Qt would render one that starts with a tag
    as HTML (loading the images it names, making links clickable). Set after the informative text, which
    takes the format from the box."""
    box.setTextFormat(Qt.TextFormat.PlainText)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    show_errors(parent, title, [message])


def show_about(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.about(parent, title, text)


# -- projects and recovery (app/ui/project.py) ------------------------------------------------------------

def _unattended() -> bool:
    """No screen means nobody can answer a question (CI, scripted runs): modal prompts would hang."""
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.platformName() in ("offscreen", "minimal")


def ask_save_changes(parent: QWidget | None, name: str) -> str:
    """Closing or replacing a briefing with unsaved changes: returns "save", "discard" or "cancel"."""
    if _unattended():
        return "discard"
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved changes", f"Save the changes to {name}?",
                      buttons.Save | buttons.Discard | buttons.Cancel, parent)
    box.setInformativeText("Your changes are lost if you don't save them.")
    _plain(box)
    box.setDefaultButton(buttons.Save)
    box.setEscapeButton(buttons.Cancel)
    answer = box.exec()
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(buttons(answer), "cancel")


def ask_restore(parent: QWidget | None, description: str) -> str:
    """A recovery copy survived a crash: returns "restore", "discard" or "later" (keep it, ask next time)."""
    if _unattended():
        return "later"
    box = QMessageBox(QMessageBox.Icon.Question, "Restore unsaved work?",
                      "Briefing Builder did not close normally last time. Restore the unsaved work?",
                      parent=parent)
    box.setInformativeText(description)
    _plain(box)
    restore = box.addButton("&Restore", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
    later = box.addButton("Decide &Later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.setEscapeButton(later)
    box.exec()
    clicked = box.clickedButton()
    return "restore" if clicked is restore else "discard" if clicked is discard else "later"


def show_crash(parent: QWidget | None, log_path: str, saved: bool) -> None:
    """After an unexpected error: say the work is safe and where the details are."""
    if _unattended():
        return
    kept = ("Your work was kept in a recovery copy." if saved
            else "Save your work now, under a new name if saving fails.")
    box = QMessageBox(QMessageBox.Icon.Critical, "Unexpected error",
                      "Something went wrong inside Briefing Builder.", QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(f"{kept}\nThe details were written to {log_path}")
    _plain(box)
    box.exec()


# -- memo export (app/ui/memo_export.py) -------------------------------------------------------------------

def ask_export_path(parent: QWidget | None, title: str, start: str, file_filter: str) -> str:
    """The file to export the memo to, or "" when the user cancels."""
    from PySide6.QtWidgets import QFileDialog

    chosen, _ = QFileDialog.getSaveFileName(parent, title, start, file_filter)
    return chosen

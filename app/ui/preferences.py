"""Edit ▸ Preferences: the memo header a new briefing starts with (template, From line, classification).

The choices live in QSettings (``app.ui.settings``). A window starts its empty briefing with them, and the
first load into a briefing without articles fills in those header fields the user has not changed, in the
load's own undo step (``MainWindow._memo_defaults``), so a recovery copy never holds the articles without
the header that goes with them.
"""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from app.domain import MemoMeta
from app.ui import settings
from app.ui.actions import _action
from app.ui.memo_panel import CLASSIFICATIONS, template_names, template_titles

BUILT_IN = {f.name: f.default for f in fields(MemoMeta) if f.name in ("sender", "template", "classification")}


def preferred() -> dict[str, str]:
    """The header fields Preferences set: {"sender", "template", "classification"}, unset ones left out."""
    installed = {name for name, _title in template_names()}
    chosen = {"sender": settings.author_name(), "template": settings.default_template(),
              "classification": settings.default_classification()}
    if chosen["template"] not in installed:
        chosen["template"] = ""  # uninstalled since: the built-in default stays
    return {name: value for name, value in chosen.items() if value}


def new_briefing_fields(memo: MemoMeta, prefilled: dict[str, str]) -> dict[str, str]:
    """The preferred header fields ``memo`` should take: where it still holds the built-in value or the one
    the window filled in itself (a field the user set keeps the user's value)."""
    out = {}
    for name, value in preferred().items():
        current = getattr(memo, name)
        if current != value and (current == BUILT_IN[name] or current == prefilled.get(name)):
            out[name] = value
    return out


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self.setAccessibleName("Preferences")
        self.setAccessibleDescription("The memo header a new briefing starts with")
        self.template_combo = QComboBox(self, objectName="prefTemplate")
        for name, title in template_titles() or template_names():
            self.template_combo.addItem(title, name)
        self.author_edit = QLineEdit(self, objectName="prefAuthor")
        self.author_edit.setPlaceholderText("e.g. Office of Asian Affairs")
        self.author_edit.setClearButtonEnabled(True)
        self.class_combo = QComboBox(self, objectName="prefClassification")
        self.class_combo.setEditable(True)
        self.class_combo.addItems(CLASSIFICATIONS)
        for widget, name, tip in (
                (self.template_combo, "Default template", "Memo layout new briefings start with"),
                (self.author_edit, "Default From line", "Who new memos are from: the author or office"),
                (self.class_combo, "Default classification",
                 "Classification marking new memos start with; type your own if it is not listed")):
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(tip)
            widget.setToolTip(tip)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("preferencesButtons")
        for which, name, tip in ((QDialogButtonBox.StandardButton.Ok, "Save preferences",
                                  "Keep these defaults for new briefings"),
                                 (QDialogButtonBox.StandardButton.Cancel, "Cancel",
                                  "Close without changing the defaults")):
            button = self.buttons.button(which)
            button.setObjectName(f"preferences{which.name}")
            button.setAccessibleName(name)
            button.setAccessibleDescription(tip)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        note = QLabel("New briefings start with these. A briefing already open keeps its own header.", self)
        note.setObjectName("preferencesNote")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Default &template:", self.template_combo)
        form.addRow("&From (author):", self.author_edit)
        form.addRow("Default &classification:", self.class_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self._show_saved()

    def _show_saved(self) -> None:
        chosen = {**BUILT_IN, **preferred()}
        self.template_combo.setCurrentIndex(max(self.template_combo.findData(chosen["template"]), 0))
        self.author_edit.setText(str(chosen["sender"]))
        self.class_combo.setCurrentText(str(chosen["classification"]))

    def accept(self) -> None:
        settings.remember_preferences(str(self.template_combo.currentData() or ""), self.author_edit.text(),
                                      self.class_combo.currentText())
        super().accept()


def open_preferences(window: QMainWindow) -> PreferencesDialog:
    """Show the dialog (window-modal, without blocking); on OK an untouched empty briefing takes the choices."""
    shown = window.findChild(PreferencesDialog, "preferencesDialog")
    if shown is not None and shown.isVisible():
        shown.raise_()
        shown.activateWindow()
        return shown
    dialog = PreferencesDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(window.project.prefill_memo)
    dialog.open()
    return dialog


def install(window: QMainWindow) -> None:
    """Edit ▸ Preferences… (Ctrl+,), last in the Edit menu."""
    action = _action(window, "actionPreferences", "Pr&eferences…",
                     "Default template, From line and classification for new briefings", shortcut="Ctrl+,")
    action.setMenuRole(action.MenuRole.PreferencesRole)
    action.triggered.connect(lambda: open_preferences(window))
    window.acts.edit_menu.addSeparator()
    window.acts.edit_menu.addAction(action)
    window.acts.preferences = action

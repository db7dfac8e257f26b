"""The memo panel: header fields, template, summary (BLUF) and participants, editing the briefing's MemoMeta.

Every change is an ``app.edits.memo`` edit on the window's undo stack once ``attach(window)`` ran (typing in
one field merges into one step). These commands refresh only this panel, not the fact views, and the panel
emits ``memoChanged`` after each one. Until the user writes a summary of their own (``MemoMeta.summary`` is
empty), the summary box shows a draft from the top-ranked ticked facts and follows the ticks.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import Briefing, MemoMeta
from app.edits.base import Edit, EditError
from app.edits.memo import SetMemoField
from app.ui.participants_model import ParticipantsModel

CLASSIFICATIONS = ("UNCLASSIFIED", "UNCLASSIFIED//FOR PUBLIC RELEASE", "CUI", "CONFIDENTIAL", "SECRET",
                   "TOP SECRET")
_NO_DATE = QDate(2000, 1, 1)  # the date edit's minimum stands for "no date yet"
_MERGE_ID = 0x3E30


class MemoCommand(QUndoCommand):
    """Applies a memo edit and refreshes just the memo panel (cheap enough to run on every keystroke)."""

    def __init__(self, panel: MemoPanel, edit: Edit) -> None:
        super().__init__(edit.text)
        self._panel, self._forward, self._backward = panel, edit, None

    def redo(self) -> None:
        try:
            self._backward = self._forward.apply(self._panel.briefing)
        except EditError as exc:
            self.setObsolete(True)
            self._panel.show_message(exc.message)
            return
        self._panel.edit_applied()

    def undo(self) -> None:
        if self._backward is not None:
            self._forward = self._backward.apply(self._panel.briefing)
            self._panel.edit_applied()

    def id(self) -> int:  # noqa: A003 - Qt override
        return _MERGE_ID if getattr(self._forward, "merge_key", None) is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, MemoCommand) or other._backward is None:
            return False
        key = getattr(self._forward, "merge_key", None)
        if key is None or key != getattr(other._forward, "merge_key", None):
            return False
        self._forward = other._forward
        return True


def template_names() -> list[tuple[str, str]]:
    """(name, title) of each template file, without loading the memo package (start-up stays fast)."""
    from app.shared.paths import resource_path

    names = sorted(p.stem for p in resource_path("templates").glob("*.yaml"))
    names.sort(key=lambda n: n != "information-memo")
    return [(n, n.replace("-", " ").capitalize()) for n in names]


def template_titles() -> list[tuple[str, str]] | None:
    """The memo package's list (titles from the files, broken ones left out), or None if unavailable."""
    try:
        from app.memo import list_templates

        return list(list_templates())
    except Exception:  # noqa: BLE001 - keep the file names
        return None


class TemplateCombo(QComboBox):
    """Lists template files at once; reads their titles the first time the list opens."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="memoTemplate")
        self._titled = False
        for name, title in template_names():
            self.addItem(title, name)

    def load_titles(self) -> None:
        if self._titled:
            return
        self._titled = True
        found = template_titles()
        if not found:
            return
        current = self.currentData()
        blocked = self.blockSignals(True)  # the choice does not change, only the wording
        try:
            self.clear()
            for name, title in found:
                self.addItem(title, name)
            if current is not None and self.findData(current) < 0:
                self.addItem(f"{current} (not found)", current)
            self.setCurrentIndex(max(self.findData(current), 0))
        finally:
            self.blockSignals(blocked)

    def showPopup(self) -> None:  # noqa: N802 - Qt override
        self.load_titles()
        super().showPopup()


class MemoPanel(QGroupBox):
    memoChanged = Signal()  # a memo field, the summary or a participant changed (edit, undo or redo)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Memo", parent)
        self.setObjectName("memoPanel")
        self._briefing = Briefing()
        self._window = None
        self._updating = False
        self._typing = False  # the summary box is being typed in: never replace its text then
        self._draft = ""  # the draft last shown
        self._fresh_draft: str | None = None  # the draft for the current ticks (None: not computed yet)
        self._draft_key: tuple[str, str] | None = None  # the template and classification it was made for
        # Ticks change in bursts (a load, tick all): redraft once, on the next turn of the event loop.
        self._draft_timer = QTimer(self, singleShot=True, interval=0)
        self._draft_timer.timeout.connect(self._timed_draft)
        self._force_draft = False  # the timed redraft replaces the shown text (as after a new briefing)

        self.to_edit = self._line("memoTo", "To", "e.g. Deputy Secretary", "Who the memo is addressed to")
        self.from_edit = self._line("memoFrom", "From", "e.g. Office of Asian Affairs",
                                    "Who the memo is from")
        self.subject_edit = self._line("memoSubject", "Subject", "Memo subject", "Subject line of the memo")
        self.date_edit = QDateEdit(self, objectName="memoDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMMM yyyy")
        self.date_edit.setMinimumDate(_NO_DATE)
        self.date_edit.setSpecialValueText("No date")
        self.date_edit.setToolTip("Date printed on the memo")
        self.date_edit.setAccessibleName("Memo date")
        self.class_combo = QComboBox(self, objectName="memoClassification")
        self.class_combo.setEditable(True)
        self.class_combo.addItems(CLASSIFICATIONS)
        # The longest marking must not set the panel's minimum width.
        self.class_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.class_combo.setMinimumContentsLength(12)
        self.class_combo.setToolTip("Classification marking printed at the top and bottom of every page")
        self.class_combo.setAccessibleName("Classification")
        self.template_combo = TemplateCombo(self)
        self.template_combo.setToolTip("Memo layout: headings, order of sections and page format")
        self.template_combo.setAccessibleName("Memo template")
        self.template_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.template_combo.setMinimumContentsLength(12)

        self.summary_edit = QPlainTextEdit(self, objectName="summaryEdit")
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setPlaceholderText("Bottom line up front: tick facts to draft it, or write it here")
        self.summary_edit.setToolTip("The memo's summary (BLUF). Drafted from the top-ranked ticked facts "
                                     "until you edit it")
        self.summary_edit.setAccessibleName("Summary (bottom line up front)")
        self.summary_note = QLabel(self, objectName="summaryNote")
        self.summary_note.setWordWrap(True)
        self.redraft_button = QPushButton("Redraft", self, objectName="redraftButton")
        self.redraft_button.setToolTip("Replace the summary with a fresh draft from the top ticked facts")
        self.redraft_button.setAccessibleName("Redraft summary")

        self.participants_model = ParticipantsModel(self)
        self.participants_model.apply_edit = self.push
        self.participants_view = QTableView(self, objectName="participantsView")
        self.participants_view.setModel(self.participants_model)
        self.participants_view.setAccessibleName("Participants")
        self.participants_view.setToolTip("People named in the articles: tick who the memo lists, "
                                          "double-click a cell to correct it")
        self.participants_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.participants_view.setAlternatingRowColors(True)
        self.participants_view.verticalHeader().hide()
        header = self.participants_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        self._build_layout()
        self.to_edit.textChanged.connect(lambda t: self._put("to", t))
        self.from_edit.textChanged.connect(lambda t: self._put("sender", t))
        self.subject_edit.textChanged.connect(lambda t: self._put("subject", t))
        self.date_edit.dateChanged.connect(self._date_changed)
        self.class_combo.currentTextChanged.connect(lambda t: self._put("classification", t.strip()))
        self.template_combo.currentIndexChanged.connect(self._template_changed)
        self.summary_edit.textChanged.connect(self._summary_typed)
        self.redraft_button.clicked.connect(self.redraft)
        self.set_memo(self._briefing.memo)

    def _line(self, name: str, label: str, placeholder: str, tip: str) -> QLineEdit:
        edit = QLineEdit(self, objectName=name)
        edit.setPlaceholderText(placeholder)
        edit.setToolTip(tip)
        edit.setAccessibleName(f"Memo {label}")
        edit.setClearButtonEnabled(True)
        return edit

    def _build_layout(self) -> None:
        self.tabs = QTabWidget(self, objectName="memoTabs")
        header = QWidget()
        form = QFormLayout(header)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&To:", self.to_edit)
        form.addRow("Fr&om:", self.from_edit)  # Alt+F opens the File menu
        form.addRow("&Subject:", self.subject_edit)
        form.addRow("&Date:", self.date_edit)
        form.addRow("&Classification:", self.class_combo)
        form.addRow("Te&mplate:", self.template_combo)
        summary = QWidget()
        box = QVBoxLayout(summary)
        box.addWidget(self.summary_edit, 1)
        row = QHBoxLayout()
        row.addWidget(self.summary_note, 1)
        row.addWidget(self.redraft_button)
        box.addLayout(row)
        self.tabs.addTab(header, "Heade&r")  # Alt+H is the Help menu
        self.tabs.addTab(summary, "Summar&y")
        self.tabs.addTab(self.participants_view, "&Participants")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)

    # -- binding --------------------------------------------------------------------------------------------
    @property
    def memo(self) -> MemoMeta:
        return self.briefing.memo

    @property
    def briefing(self) -> Briefing:
        return self._window.briefing if self._window is not None else self._briefing

    def attach(self, window) -> None:
        """Edit ``window.briefing`` through ``window.undo_stack``; follow its fact ticks for the draft."""
        self._window = window
        window.fact_model.ticksChanged.connect(self.facts_changed)
        if hasattr(window, "briefingChanged"):
            window.briefingChanged.connect(self.sync_briefing)
        self.set_memo(window.briefing.memo)

    def set_memo(self, memo: MemoMeta) -> None:
        """Show ``memo`` (and the briefing's participants); later edits write into it."""
        if self._window is None:
            self._briefing.memo = memo
        elif self._window.briefing.memo is not memo:
            self._window.briefing.memo = memo
        self.participants_model.set_briefing(self.briefing)
        self._fresh_draft = None  # another briefing, or its facts were replaced
        self._show_fields(draft=False)
        # The draft reads every fact: on its own turn of the event loop, not in the one that shows a load.
        self._force_draft = True
        self._draft_timer.start()
        for edit in (self.to_edit, self.from_edit, self.subject_edit):
            edit.setCursorPosition(0)  # show the start of a long subject, not its tail

    def sync_briefing(self) -> None:
        """The briefing changed elsewhere (an edit, a load): follow its entities and ticks."""
        if self.participants_model.briefing is not self.briefing:
            self.participants_model.set_briefing(self.briefing)
        else:
            self.participants_model.refresh()
        self._show_fields(draft=False)  # undoing a load takes back the subject and date it filled in
        self.facts_changed()

    def _show_fields(self, draft: bool = True) -> None:
        memo = self.memo
        self._updating = True
        try:
            for edit, value in ((self.to_edit, memo.to), (self.from_edit, memo.sender),
                                (self.subject_edit, memo.subject)):
                if edit.text() != value:
                    edit.setText(value)
            qdate = QDate(memo.date) if memo.date else _NO_DATE
            if self.date_edit.date() != qdate:
                self.date_edit.setDate(qdate)
            if self.class_combo.currentText() != memo.classification:
                self.class_combo.setCurrentText(memo.classification)
            row = self.template_combo.findData(memo.template)
            if row < 0 and memo.template:
                self.template_combo.addItem(f"{memo.template} (not found)", memo.template)
                row = self.template_combo.count() - 1
            self.template_combo.setCurrentIndex(row)
        finally:
            self._updating = False
        if draft:
            self.update_draft(force=True)

    # -- edits ----------------------------------------------------------------------------------------------
    def push(self, edit: Edit) -> None:
        if edit.is_noop(self.briefing):
            return
        stack = getattr(self._window, "undo_stack", None)
        if stack is None:
            edit.apply(self.briefing)
            self.edit_applied()
        else:
            stack.push(MemoCommand(self, edit))

    def edit_applied(self) -> None:
        self.participants_model.refresh()
        self._show_fields()
        self.memoChanged.emit()

    def show_message(self, message: str) -> None:
        if self._window is not None:
            self._window.statusBar().showMessage(message, 6000)

    def _put(self, attr: str, value: object) -> None:
        if not self._updating:
            self.push(SetMemoField(attr, value))

    def _date_changed(self, qdate: QDate) -> None:
        value: date | None = None if qdate == _NO_DATE else qdate.toPython()
        self._put("date", value)

    def _template_changed(self, row: int) -> None:
        name = self.template_combo.itemData(row)
        if name and not self._updating:
            self.push(SetMemoField("template", name, typing=False))

    # -- summary --------------------------------------------------------------------------------------------
    def _summary_typed(self) -> None:
        if self._updating:
            return
        text = self.summary_edit.toPlainText()
        own = "" if text.strip() == self.current_draft().strip() else text
        self._typing = True
        try:
            self.push(SetMemoField("summary", own))
        finally:
            self._typing = False

    def redraft(self) -> None:
        """Back to the automatic draft (one undo step)."""
        self.push(SetMemoField("summary", "", typing=False))
        self.update_draft(force=True)

    def current_draft(self) -> str:
        """What the memo prints as its summary while the user has written none (the memo's own rule)."""
        key = (self.memo.template, self.memo.classification)  # the draft's length follows the layout
        if self._fresh_draft is None or self._draft_key != key:
            from app.memo import draft_summary  # not at start-up: the first draft comes after a load

            self._fresh_draft, self._draft_key = draft_summary(self.briefing), key
        return self._fresh_draft

    def facts_changed(self) -> None:
        """Ticks, scores or texts may have changed: the draft is stale; redraft soon."""
        self._fresh_draft = None
        self._draft_timer.start()

    def _timed_draft(self) -> None:
        force, self._force_draft = self._force_draft, False
        self.update_draft(force=force)

    def update_draft(self, force: bool = False) -> None:
        """Show the user's summary, or a fresh draft while they have none."""
        self._draft_timer.stop()
        if force:
            self._force_draft = False  # done now: a later timed redraft follows the usual rule
        own = self.memo.summary
        previous = self._draft
        if not own.strip():
            self._draft = self.current_draft()
        text = own if own.strip() else self._draft
        shown = self.summary_edit.toPlainText()
        # A draft follows the ticks, but never overwrites what the user is in the middle of typing.
        follow = not own.strip() and (shown == previous or not self.summary_edit.hasFocus())
        if not self._typing and (force or follow):
            if shown != text:
                self._updating = True
                try:
                    self.summary_edit.setPlainText(text)
                finally:
                    self._updating = False
        self.summary_note.setText("Your summary: it goes in the memo as written." if own.strip() else
                                  "Drafted from the top-ranked ticked facts; edit it to make it yours.")
        self.redraft_button.setEnabled(bool(own.strip()))

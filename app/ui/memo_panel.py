"""The memo's header fields (TO, FROM, SUBJECT, DATE, classification), editing a MemoMeta in place."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QGroupBox, QLineEdit, QWidget

from app.domain import MemoMeta

CLASSIFICATIONS = ("UNCLASSIFIED", "UNCLASSIFIED//FOR PUBLIC RELEASE", "CUI", "CONFIDENTIAL", "SECRET")
_NO_DATE = QDate(2000, 1, 1)  # the date edit's minimum stands for "no date yet"


class MemoPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Memo", parent)
        self.setObjectName("memoPanel")
        self._memo = MemoMeta()
        self._updating = False

        self.to_edit = self._line("memoTo", "e.g. Deputy Secretary", "Who the memo is addressed to")
        self.from_edit = self._line("memoFrom", "e.g. Office of Asian Affairs", "Who the memo is from")
        self.subject_edit = self._line("memoSubject", "Memo subject", "Subject line of the memo")
        self.date_edit = QDateEdit(self, objectName="memoDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMMM yyyy")
        self.date_edit.setMinimumDate(_NO_DATE)
        self.date_edit.setSpecialValueText("No date")
        self.date_edit.setToolTip("Date printed on the memo")
        self.class_combo = QComboBox(self, objectName="memoClassification")
        self.class_combo.setEditable(True)
        self.class_combo.addItems(CLASSIFICATIONS)
        # The longest marking must not set the panel's minimum width.
        self.class_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.class_combo.setMinimumContentsLength(12)
        self.class_combo.setToolTip("Classification marking printed at the top and bottom of every page")

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&To:", self.to_edit)
        form.addRow("&From:", self.from_edit)
        form.addRow("&Subject:", self.subject_edit)
        form.addRow("&Date:", self.date_edit)
        form.addRow("&Classification:", self.class_combo)

        self.to_edit.textChanged.connect(lambda t: self._put("to", t))
        self.from_edit.textChanged.connect(lambda t: self._put("sender", t))
        self.subject_edit.textChanged.connect(lambda t: self._put("subject", t))
        self.date_edit.dateChanged.connect(self._date_changed)
        self.class_combo.currentTextChanged.connect(lambda t: self._put("classification", t.strip()))
        self.set_memo(self._memo)

    def _line(self, name: str, placeholder: str, tip: str) -> QLineEdit:
        edit = QLineEdit(self, objectName=name)
        edit.setPlaceholderText(placeholder)
        edit.setToolTip(tip)
        edit.setClearButtonEnabled(True)
        return edit

    @property
    def memo(self) -> MemoMeta:
        return self._memo

    def set_memo(self, memo: MemoMeta) -> None:
        """Show ``memo``; later edits write straight into it."""
        self._memo = memo
        self._updating = True
        try:
            self.to_edit.setText(memo.to)
            self.from_edit.setText(memo.sender)
            self.subject_edit.setText(memo.subject)
            self.date_edit.setDate(QDate(memo.date) if memo.date else _NO_DATE)
            self.class_combo.setCurrentText(memo.classification)
            for edit in (self.to_edit, self.from_edit, self.subject_edit):
                edit.setCursorPosition(0)  # show the start of a long subject, not its tail
        finally:
            self._updating = False

    def _put(self, attr: str, value: object) -> None:
        if not self._updating:
            setattr(self._memo, attr, value)

    def _date_changed(self, qdate: QDate) -> None:
        value: date | None = None if qdate == _NO_DATE else qdate.toPython()
        self._put("date", value)

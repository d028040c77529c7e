"""Sponsor and sponsorship forms. Amounts are shown, computed by the domain, never typed."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bpu_desktop.domain.contributions import SECTOR_LABELS
from bpu_desktop.domain.money import format_rupiah, parse_rupiah
from bpu_desktop.domain.months import add_months, format_month, month_label, month_start, parse_month
from bpu_desktop.domain.phone import format_phone
from bpu_desktop.domain.reference import Rates
from bpu_desktop.domain.regions import cities, is_city_code, kecamatan_list
from bpu_desktop.domain.sponsorship import (
    DEFAULT_INCOME,
    DEFAULT_PLEDGE,
    PACKAGES,
    SPONSOR_TYPES,
    SPONSORSHIP_FUNDING,
    SponsorInput,
    SponsorshipInput,
    default_funding,
    sponsorship_amounts,
)
from bpu_desktop.store.sponsors import SponsorRow, SponsorshipRow

from .village_combo import set_village_items


class _Form(QWidget):
    """A QFormLayout whose fields each have an error label under them."""

    prefix = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.errors: dict[str, QLabel] = {}
        self._loaded: object = None  # the fields' value() right after `load`

    def value(self) -> object:
        raise NotImplementedError

    def mark_loaded(self) -> None:
        self._loaded = self.value()

    def has_unsaved_changes(self) -> bool:
        """Fields that differ from the record opened (or from the blank form)."""
        return self._loaded is not None and self.value() != self._loaded

    def add(self, label: str, key: str, widget: QWidget) -> QWidget:
        widget.setObjectName(f"{self.prefix}_{key}")
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        error = QLabel(objectName=f"{self.prefix}_{key}_error")
        error.setProperty("role", "error")
        error.hide()
        box.addWidget(error)
        self.errors[key] = error
        self.layout_.addRow(label, box)
        return widget

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)


def _combo(items: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    for code, label in items.items():
        combo.addItem(label, code)
    return combo


class SponsorForm(_Form):
    prefix = "sponsor"

    def __init__(self, *, kelurahan: dict[str, list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kelurahan = kelurahan
        self.name = self.add("Nama sponsor", "name", QLineEdit())
        self.type = self.add("Jenis", "type", _combo(SPONSOR_TYPES))
        self.npp = self.add("NPP", "npp", QLineEdit(placeholderText="jika ada"))
        self.contact = self.add("Kontak", "contact_person", QLineEdit())
        self.phone = self.add("Nomor HP", "phone", QLineEdit(placeholderText="08…"))
        # The area: a kecamatan, or a whole city/regency for a sponsor paying across it
        # (a Pemkab funding workers all over Wonogiri); each city's own entry comes first,
        # its kecamatan under it. Typing "Kab" or "Kota" picks a whole one.
        self.kecamatan = self.add("Wilayah", "kecamatan", QComboBox())
        self.kecamatan.setToolTip("Kecamatan sponsor, atau seluruh kota/kabupaten bila "
                                  "sponsor menanggung pekerja di seluruh wilayahnya")
        self.kecamatan.addItem("-", "")
        for city in cities():
            whole = "seluruh kota" if city.name.startswith("Kota") else "seluruh kabupaten"
            self.kecamatan.addItem(f"{city.name} ({whole})", city.code)
            for k in kecamatan_list(city.code):
                self.kecamatan.addItem(k.name, k.code)
        self.kelurahan = self.add("Kelurahan/Desa", "kelurahan", QComboBox(editable=True))
        self.notes = self.add("Catatan", "notes", QPlainTextEdit(tabChangesFocus=True))
        self.notes.setMaximumHeight(48)
        self.kecamatan.currentIndexChanged.connect(self._fill_kelurahan)

    def _fill_kelurahan(self) -> None:
        code = self.kecamatan.currentData() or ""
        self.kelurahan.clear()
        self.kelurahan.addItems(self._kelurahan.get(code, []))
        self.kelurahan.setCurrentText("")
        # A city-wide sponsor is in no single desa.
        self.kelurahan.setEnabled(not is_city_code(code))

    def set_kelurahan(self, kelurahan: dict[str, list[str]]) -> None:
        """The file's village list now (an import, a merge or the desk may have added
        desa): the dropdown follows; typing, the chosen desa and the focus stay."""
        if kelurahan == self._kelurahan:
            return
        self._kelurahan = kelurahan
        set_village_items(self.kelurahan, kelurahan.get(self.kecamatan.currentData() or "", []))

    def value(self) -> SponsorInput:
        return SponsorInput(
            name=self.name.text(), type=str(self.type.currentData()), npp=self.npp.text(),
            contact_person=self.contact.text(), phone=self.phone.text(),
            kecamatan_code=str(self.kecamatan.currentData() or ""),
            kelurahan=self.kelurahan.currentText(), notes=self.notes.toPlainText())

    def load(self, row: SponsorRow | None) -> None:
        self.show_errors({})
        self.name.setText(row.name if row else "")
        self.type.setCurrentIndex(self.type.findData(row.type) if row else 0)
        self.npp.setText(row.npp if row else "")
        self.contact.setText(row.contact_person if row else "")
        self.phone.setText(format_phone(row.phone) if row and row.phone else "")
        self.kecamatan.setCurrentIndex(max(0, self.kecamatan.findData(row.kecamatan_code))
                                       if row else 0)
        self._fill_kelurahan()
        self.kelurahan.setCurrentText(row.kelurahan if row else "")
        self.notes.setPlainText(row.notes if row else "")
        self.mark_loaded()


class SponsorshipForm(_Form):
    prefix = "sponsorship"

    def __init__(self, *, rates: Rates, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rates = rates
        self.today = today
        self.pledged = self.add("Jumlah pekerja", "pledged", QSpinBox(minimum=1, maximum=100_000))
        self.package = self.add("Paket", "package", _combo(PACKAGES))
        months = [add_months(month_start(today), i) for i in range(-12, 25)]
        self.start = self.add("Mulai bulan", "start", QComboBox())
        self.end = self.add("Sampai bulan", "end", QComboBox())
        for m in months:
            self.start.addItem(month_label(m), format_month(m))
            self.end.addItem(month_label(m), format_month(m))
        self.funding = self.add("Sumber dana", "funding", _combo(SPONSORSHIP_FUNDING))
        self.sector = self.add("Sektor", "sector", _combo(SECTOR_LABELS))
        self.income = self.add("Dasar penghasilan", "income", QLineEdit())
        self.notes = self.add("Catatan", "notes", QLineEdit())
        self.amounts = QLabel(objectName="sponsorship_amounts")
        self.amounts.setWordWrap(True)
        self.amounts.setTextFormat(Qt.TextFormat.PlainText)
        self.layout_.addRow("Iuran (dihitung)", self.amounts)
        for w in (self.pledged, self.package, self.start, self.end, self.funding, self.sector):
            signal: Any = getattr(w, "valueChanged", None) or w.currentIndexChanged
            signal.connect(self.update_amounts)
        self.income.textChanged.connect(self.update_amounts)
        self.load(None)

    def _set_month(self, combo: QComboBox, month: date) -> None:
        index = combo.findData(format_month(month))
        if index < 0:
            combo.addItem(month_label(month), format_month(month))
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def load(self, row: SponsorshipRow | None, *, sponsor_type: str = "swasta") -> None:
        self.show_errors({})
        start = row.start if row else add_months(month_start(self.today), 1)
        self.pledged.setValue(row.pledged if row else DEFAULT_PLEDGE)
        self.package.setCurrentIndex(self.package.findData(row.package) if row else 0)
        self._set_month(self.start, start)
        self._set_month(self.end, row.end if row else add_months(start, 5))
        self.funding.setCurrentIndex(self.funding.findData(
            row.funding if row else default_funding(sponsor_type)))
        self.sector.setCurrentIndex(self.sector.findData(row.sector if row else "non_transport"))
        self.income.setText(format_rupiah(row.income if row else DEFAULT_INCOME))
        self.notes.setText(row.notes if row else "")
        self.update_amounts()
        self.mark_loaded()

    def value(self) -> tuple[SponsorshipInput | None, dict[str, str]]:
        try:
            income = parse_rupiah(self.income.text())
        except ValueError as error:
            return None, {"income": str(error)}
        return SponsorshipInput(
            pledged=self.pledged.value(), package=str(self.package.currentData()),
            start=parse_month(self.start.currentData()), end=parse_month(self.end.currentData()),
            funding=str(self.funding.currentData()), income=income,
            sector=str(self.sector.currentData()), notes=self.notes.text()), {}

    def update_amounts(self) -> None:
        value, _errors = self.value()
        if value is None:
            self.amounts.setText("-")
            return
        try:
            a = sponsorship_amounts(income=value.income, start=value.start, end=value.end,
                                    package=value.package, funding=value.funding,
                                    workers=value.pledged, sector=value.sector,
                                    rates=self.rates)
        except ValueError as error:
            self.amounts.setText(str(error))
            return
        lines = [f"{len(a.per_worker)} bulan x {a.workers} pekerja"]
        groups: list[tuple[int, list[date]]] = []
        for c in a.per_worker:
            if groups and groups[-1][0] == c.total:
                groups[-1][1].append(c.month)
            else:
                groups.append((c.total, [c.month]))
        for total, months in groups:
            span = month_label(months[0]) if len(months) == 1 else (
                f"{month_label(months[0])} - {month_label(months[-1])}")
            lines.append(f"{span}: {format_rupiah(total)}/pekerja/bulan, "
                         f"{format_rupiah(total * a.workers)}/bulan")
        lines.append(f"Total: {format_rupiah(a.total)}")
        self.amounts.setText("\n".join(lines))

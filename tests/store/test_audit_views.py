"""The history viewer's Sumber column reads Indonesian, not internal source codes."""

from __future__ import annotations

import pytest

from bpu_desktop.store.audit_views import source_label


@pytest.mark.parametrize(
    ("source", "label"),
    [
        ("form", "Formulir"),
        ("demo", "Data demo"),
        ("payment", "Pembayaran"),
        ("import:peserta-maret.xlsx", "Impor: peserta-maret.xlsx"),
        ("merge:rina.bpu", "Gabung: rina.bpu"),
        ("konflik:budi.db", "Konflik: budi.db"),
        ("sesuatu-baru", "sesuatu-baru"),
        ("", ""),
        (None, ""),
    ],
)
def test_source_label(source, label):
    assert source_label(source) == label

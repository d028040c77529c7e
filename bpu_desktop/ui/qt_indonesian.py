"""Indonesian for the texts Qt draws itself: a text field's right-click menu, a scroll
bar's menu, standard buttons, and Qt's own file dialog (used on Linux, where there is no
native one).

Qt ships no `qtbase_id.qm` (nor does Debian), so officers met "Undo / Cut / Copy /
Paste" in every field. Rather than keep a compiled binary catalogue in the repository
(and a build step to make it), the few dozen strings live here as a table, served by a
`QTranslator` whose `translate` looks them up. The (context, source) pairs are Qt's own,
as listed in the catalogues Qt ships (e.g. `qtbase_de.qm`); a source text Qt changes
simply stays English until it is added here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

# Right-click menu of one-line fields and of multi-line text boxes.
_EDIT_MENU = {
    "&Undo": "&Urungkan",
    "&Redo": "U&lang",
    "Cu&t": "Po&tong",
    "&Copy": "&Salin",
    "&Paste": "&Tempel",
    "Delete": "Hapus",
    "Select All": "Pilih Semua",
}

CATALOGUE: dict[str, dict[str, str]] = {
    "QLineEdit": _EDIT_MENU,
    "QWidgetTextControl": {**_EDIT_MENU, "Copy &Link Location": "Salin &alamat tautan"},
    # Number and date boxes (Jumlah hadir, Tanggal...).
    "QAbstractSpinBox": {
        "&Select All": "&Pilih Semua",
        "&Step up": "&Naikkan",
        "Step &down": "&Turunkan",
    },
    # Right-click on a list's scroll bar.
    "QScrollBar": {
        "Scroll here": "Gulir ke sini",
        "Top": "Paling atas",
        "Bottom": "Paling bawah",
        "Left edge": "Tepi kiri",
        "Right edge": "Tepi kanan",
        "Page up": "Satu halaman ke atas",
        "Page down": "Satu halaman ke bawah",
        "Page left": "Satu halaman ke kiri",
        "Page right": "Satu halaman ke kanan",
        "Scroll up": "Gulir ke atas",
        "Scroll down": "Gulir ke bawah",
        "Scroll left": "Gulir ke kiri",
        "Scroll right": "Gulir ke kanan",
    },
    # Standard buttons (QMessageBox, QDialogButtonBox): the app labels its own, these
    # cover any left to Qt.
    "QPlatformTheme": {
        "OK": "OK",
        "Save": "Simpan",
        "Save All": "Simpan Semua",
        "Open": "Buka",
        "&Yes": "&Ya",
        "Yes to &All": "Ya untuk &Semua",
        "&No": "&Tidak",
        "N&o to All": "T&idak untuk Semua",
        "Abort": "Hentikan",
        "Retry": "Coba Lagi",
        "Ignore": "Abaikan",
        "Close": "Tutup",
        "Cancel": "Batal",
        "Discard": "Buang",
        "Help": "Bantuan",
        "Apply": "Terapkan",
        "Reset": "Atur Ulang",
        "Restore Defaults": "Kembalikan Bawaan",
    },
    "QMessageBox": {
        "Show Details...": "Tampilkan rincian...",
        "Hide Details...": "Sembunyikan rincian...",
    },
    "QProgressDialog": {"Cancel": "Batal"},
    "QInputDialog": {"Enter a value:": "Masukkan nilai:"},
    "QDialog": {"What's This?": "Apa ini?"},
    # Qt's own file dialog (import, export, Kirim data on Linux).
    "QFileDialog": {
        "&Look in:": "&Cari di:",
        "File &name:": "&Nama berkas:",
        "Files of &type:": "&Jenis berkas:",
        "Directory:": "Folder:",
        "&Open": "&Buka",
        "Open": "Buka",
        "&Save": "&Simpan",
        "Save As": "Simpan sebagai",
        "&Choose": "&Pilih",
        "Find Directory": "Pilih folder",
        "&Delete": "&Hapus",
        "Delete": "Hapus",
        "Remove": "Hapus",
        "&Rename": "&Ganti nama",
        "&New Folder": "Folder &baru",
        "New Folder": "Folder baru",
        "Create New Folder": "Buat folder baru",
        "Create a New Folder": "Buat folder baru",
        "Show &hidden files": "Tampilkan berkas &tersembunyi",
        "Show ": "Tampilkan ",
        "Back": "Kembali",
        "Go back": "Kembali",
        "Forward": "Maju",
        "Go forward": "Maju",
        "Parent Directory": "Folder induk",
        "Go to the parent directory": "Ke folder induk",
        "List View": "Daftar",
        "Change to list view mode": "Tampilkan sebagai daftar",
        "Detail View": "Rincian",
        "Change to detail view mode": "Tampilkan dengan rincian",
        "Sidebar": "Panel samping",
        "List of places and bookmarks": "Daftar tempat dan penanda",
        "Recent Places": "Tempat terakhir",
        "Files": "Berkas",
        "Directories": "Folder",
        "All Files (*)": "Semua berkas (*)",
        "All files (*)": "Semua berkas (*)",
        "%1 already exists.\nDo you want to replace it?":
            "%1 sudah ada.\nTimpa berkas itu?",
        "%1\nFile not found.\nPlease verify the correct file name was given.":
            "%1\nBerkas tidak ditemukan.\nPeriksa kembali nama berkasnya.",
        "%1\nDirectory not found.\nPlease verify the correct directory name was given.":
            "%1\nFolder tidak ditemukan.\nPeriksa kembali nama foldernya.",
        "Are you sure you want to delete '%1'?": "Yakin akan menghapus '%1'?",
        "'%1' is write protected.\nDo you want to delete it anyway?":
            "'%1' dilindungi dari perubahan.\nTetap hapus?",
        "Could not delete directory.": "Folder tidak dapat dihapus.",
    },
    "QFileSystemModel": {
        "Name": "Nama",
        "Size": "Ukuran",
        "Type": "Jenis",
        "Kind": "Jenis",
        "Date Modified": "Diubah",
        "Computer": "Komputer",
        "My Computer": "Komputer",
    },
    "QAbstractFileIconProvider": {
        "Drive": "Drive",
        "File": "Berkas",
        "File Folder": "Folder",
        "Folder": "Folder",
        "Shortcut": "Pintasan",
        "Unknown": "Tidak dikenal",
    },
}


class IndonesianQt(QTranslator):
    """Serves `CATALOGUE`; anything else (the app's own texts, which are Indonesian
    already, and shortcut names such as "Ctrl") is left as it is."""

    def translate(self, context: str, source: str, /, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None, not "": Qt takes an empty text as the translation (every "Ctrl" in a
        # shortcut would vanish) and falls back to the source only on a null one.
        return CATALOGUE.get(context, {}).get(source)

    def isEmpty(self, /) -> bool:
        return False


def install(app: QCoreApplication) -> IndonesianQt:
    """Install once per application (a second call returns the first translator)."""
    kept = app.findChild(IndonesianQt)
    if isinstance(kept, IndonesianQt):
        return kept
    translator = IndonesianQt(app)  # parented: lives as long as the application
    app.installTranslator(translator)
    return translator


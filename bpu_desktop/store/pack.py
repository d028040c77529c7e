"""Encrypted packages (.bpu) for sending a field laptop's data to the office.

A package is a consistent snapshot of the file (SQLite backup API), compressed and
encrypted with AES-256-GCM under a key derived from a passphrase with scrypt (memory-hard).
Layout:

    MAGIC | header length (4 bytes) | header JSON | chunk* (4-byte length + ciphertext)

The header holds the format version, the KDF parameters and salt, the nonce prefix and the
manifest (device, officer, period, counts per table, sha256 of the snapshot). Every chunk
is authenticated with the sha256 of MAGIC+header as associated data, its index in the
nonce and an end flag, so a changed manifest, a swapped, dropped or truncated chunk or a
wrong passphrase all fail the same way, before anything is written where the user sees it.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sqlite3
import struct
import tempfile
import zlib
from base64 import b64decode, b64encode
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from bpu_desktop.domain.months import month_label, parse_month

from .backup import backup_to
from .clock import utc_now
from .database import Store, require_intact
from .durability import PRIVATE_MODE, private_atomic_write, remove_quietly, require_folder
from .errors import RESTORE_HINT, StoreError, os_error_reason

MAGIC = b"BPUPACK\x01"
FORMAT_VERSION = 1
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
MIN_SCRYPT_N = 2**10  # tests use this; real packages use SCRYPT_N
MAX_SCRYPT_N = 2**20  # a forged header must not make us allocate gigabytes
MIN_PASSPHRASE = 8
CHUNK = 1 << 20
MAX_HEADER = 1 << 20
BAD_PACKAGE = "Kata sandi salah atau berkas rusak/diubah."
DAMAGED_NOT_PACKED = f"Berkas data rusak; paket tidak dibuat. {RESTORE_HINT}"
PACKAGE_SUFFIX = ".bpu"


@dataclass(frozen=True)
class Manifest:
    """What a package says about itself (authenticated together with the data)."""

    device_id: str
    officer: str
    period: str | None  # "2026-03", or None for everything
    created_at: str
    counts: dict[str, int] = field(default_factory=dict)
    sha256: str = ""
    size: int = 0
    format_version: int = FORMAT_VERSION

    @property
    def period_label(self) -> str:
        """``Maret 2026`` as the screens say it; empty for everything."""
        return month_label(parse_month(self.period)) if self.period else ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        return cls(
            device_id=str(data["device_id"]), officer=str(data["officer"]),
            period=None if data.get("period") is None else str(data["period"]),
            created_at=str(data["created_at"]),
            counts={str(k): int(v) for k, v in dict(data["counts"]).items()},
            sha256=str(data["sha256"]), size=int(data["size"]),
            format_version=int(data["format_version"]),
        )


def check_passphrase(passphrase: str) -> str:
    if not passphrase or not passphrase.strip():
        raise StoreError("Kata sandi tidak boleh kosong.")
    if len(passphrase) < MIN_PASSPHRASE:
        raise StoreError(f"Kata sandi minimal {MIN_PASSPHRASE} karakter.")
    return passphrase


def _period_text(period: str | date | None) -> str | None:
    if period is None or period == "":
        return None
    from bpu_desktop.domain.months import format_month, parse_month

    try:
        return format_month(parse_month(period))
    except ValueError as exc:
        raise StoreError(f"Periode tidak dikenali: {period} (contoh: 2026-03).") from exc


def _derive_key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _table_counts(snapshot: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{snapshot.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name"
        )]
        return {
            name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
            for name in names
        }
    finally:
        conn.close()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _chunk_aad(header_digest: bytes, index: int, final: bool) -> bytes:
    return header_digest + struct.pack(">QB", index, 1 if final else 0)


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def pack_store(
    store: Store,
    out_path: Path | str,
    passphrase: str,
    period: str | date | None = None,
    *,
    scrypt_n: int = SCRYPT_N,
) -> Manifest:
    """Write an encrypted package of the whole file to `out_path` (owner-only).

    A damaged file is refused before anything is written: the office would merge it.
    """
    check_passphrase(passphrase)
    out_path = Path(out_path)
    if not MIN_SCRYPT_N <= scrypt_n <= MAX_SCRYPT_N:
        raise ValueError("scrypt_n out of range")
    period_text = _period_text(period)
    require_folder(out_path.parent)
    require_intact(store.conn, message=DAMAGED_NOT_PACKED)
    with tempfile.TemporaryDirectory(prefix=".bpu-kirim-", dir=out_path.parent) as work:
        os.chmod(work, 0o700)
        snapshot = Path(work) / "snapshot.db"
        backup_to(store.conn, snapshot, what="Pembuatan paket data")
        manifest = Manifest(
            # The file's own settings, not who runs the command (BPU_OFFICER, "bpu-cli").
            device_id=store.meta("device_id") or "-", officer=store.meta("officer_name") or "-",
            period=period_text,
            created_at=utc_now(), counts=_table_counts(snapshot), sha256=_sha256(snapshot),
            size=snapshot.stat().st_size,
        )
        salt = secrets.token_bytes(16)
        prefix = secrets.token_bytes(8)
        header = json.dumps({
            "format_version": FORMAT_VERSION,
            "cipher": "AES-256-GCM",
            "compression": "zlib",
            "kdf": {"name": "scrypt", "n": scrypt_n, "r": SCRYPT_R, "p": SCRYPT_P,
                    "salt": b64encode(salt).decode()},
            "nonce_prefix": b64encode(prefix).decode(),
            "manifest": asdict(manifest),
        }, ensure_ascii=False, sort_keys=True).encode("utf-8")
        lead = MAGIC + struct.pack(">I", len(header)) + header
        aead = AESGCM(_derive_key(passphrase, salt, scrypt_n, SCRYPT_R, SCRYPT_P))
        with private_atomic_write(out_path, what="Pembuatan paket data") as out:
            out.write(lead)
            _encrypt_stream(snapshot, out, aead, prefix, hashlib.sha256(lead).digest())
    return manifest


def _encrypt_stream(
    snapshot: Path, out: BinaryIO, aead: AESGCM, prefix: bytes, header_digest: bytes
) -> None:
    compressor = zlib.compressobj(6)
    pending = b""
    index = 0

    def emit(data: bytes, final: bool) -> None:
        nonlocal index
        sealed = aead.encrypt(_nonce(prefix, index), data, _chunk_aad(header_digest, index, final))
        out.write(struct.pack(">I", len(sealed)))
        out.write(sealed)
        index += 1

    with snapshot.open("rb") as src:
        while raw := src.read(CHUNK):
            pending += compressor.compress(raw)
            while len(pending) > CHUNK:
                emit(pending[:CHUNK], False)
                pending = pending[CHUNK:]
    pending += compressor.flush()
    while len(pending) > CHUNK:
        emit(pending[:CHUNK], False)
        pending = pending[CHUNK:]
    emit(pending, True)


def _read_header(fh: BinaryIO) -> tuple[bytes, dict[str, Any]]:
    magic = fh.read(len(MAGIC))
    if magic != MAGIC:
        raise StoreError("Berkas ini bukan paket data BPU Desktop (.bpu) atau sudah rusak.")
    raw_len = fh.read(4)
    if len(raw_len) != 4:
        raise StoreError(BAD_PACKAGE)
    (length,) = struct.unpack(">I", raw_len)
    if length > MAX_HEADER:
        raise StoreError(BAD_PACKAGE)
    header_bytes = fh.read(length)
    try:
        header = json.loads(header_bytes.decode("utf-8"))
        if int(header["format_version"]) > FORMAT_VERSION:
            raise StoreError(
                "Paket ini dibuat oleh versi BPU Desktop yang lebih baru. Perbarui aplikasi."
            )
        if not isinstance(header, dict):
            raise ValueError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise StoreError(BAD_PACKAGE) from exc
    return MAGIC + raw_len + header_bytes, header


def read_manifest(path: Path | str) -> Manifest:
    """The manifest as the package states it (checked only by `unpack_package`)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            _, header = _read_header(fh)
        return Manifest.from_json(header["manifest"])
    except FileNotFoundError as exc:
        raise StoreError(f"Paket {path.name} tidak ditemukan.") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise StoreError(BAD_PACKAGE) from exc


def unpack_package(path: Path | str, passphrase: str, dest_dir: Path | str) -> Path:
    """Decrypt a package into a new owner-only .db in `dest_dir` and return its path.

    Wrong passphrase, tampering or truncation raise StoreError(BAD_PACKAGE) and leave
    nothing in `dest_dir`.
    """
    path, dest_dir = Path(path), Path(dest_dir)
    if not passphrase:
        raise StoreError("Kata sandi tidak boleh kosong.")
    require_folder(dest_dir)
    try:
        fh = path.open("rb")
    except FileNotFoundError as exc:
        raise StoreError(f"Paket {path.name} tidak ditemukan.") from exc
    except OSError as exc:
        raise StoreError(f"Paket {path.name} tidak dapat dibaca: {os_error_reason(exc)}.") from exc
    with fh:
        lead, header = _read_header(fh)
        try:
            kdf = header["kdf"]
            n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
            salt = b64decode(kdf["salt"], validate=True)
            prefix = b64decode(header["nonce_prefix"], validate=True)
            manifest = Manifest.from_json(header["manifest"])
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(BAD_PACKAGE) from exc
        if (kdf.get("name") != "scrypt" or not MIN_SCRYPT_N <= n <= MAX_SCRYPT_N
                or n & (n - 1) or r != SCRYPT_R or not 1 <= p <= 4 or len(prefix) != 8
                or len(salt) < 16):
            raise StoreError(BAD_PACKAGE)
        aead = AESGCM(_derive_key(passphrase, salt, n, r, p))
        target = _free_name(dest_dir, path.stem)
        tmp = dest_dir / f".{target.name}.tmp"
        remove_quietly(tmp)
        try:
            _decrypt_stream(fh, tmp, aead, prefix, hashlib.sha256(lead).digest())
            if _sha256(tmp) != manifest.sha256:
                raise StoreError(BAD_PACKAGE)
            os.replace(tmp, target)
        except (InvalidTag, zlib.error, struct.error, ValueError) as exc:
            remove_quietly(tmp)
            raise StoreError(BAD_PACKAGE) from exc
        except OSError as exc:
            remove_quietly(tmp)
            raise StoreError(
                f"Membuka paket gagal: disk penuh atau tidak dapat ditulis ({os_error_reason(exc)})."
            ) from exc
        except BaseException:
            remove_quietly(tmp)
            raise
    return target


def _free_name(folder: Path, stem: str) -> Path:
    candidate = folder / f"{stem}.db"
    counter = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{counter}.db"
        counter += 1
    return candidate


def _decrypt_stream(
    fh: BinaryIO, tmp: Path, aead: AESGCM, prefix: bytes, header_digest: bytes
) -> None:
    decompressor = zlib.decompressobj()
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_MODE)
    with os.fdopen(fd, "wb") as out:
        index = 0
        finished = False
        while True:
            raw_len = fh.read(4)
            if not raw_len:
                break
            if finished or len(raw_len) != 4:
                raise ValueError("data after the final chunk")
            (length,) = struct.unpack(">I", raw_len)
            if length > 2 * CHUNK:
                raise ValueError("chunk too large")
            sealed = fh.read(length)
            if len(sealed) != length:
                raise ValueError("truncated")
            try:
                data = aead.decrypt(_nonce(prefix, index), sealed,
                                    _chunk_aad(header_digest, index, False))
            except InvalidTag:
                data = aead.decrypt(_nonce(prefix, index), sealed,
                                    _chunk_aad(header_digest, index, True))
                finished = True
            out.write(decompressor.decompress(data))
            index += 1
        if not finished:
            raise ValueError("truncated: no final chunk")
        out.write(decompressor.flush())
        if not decompressor.eof:
            raise ValueError("incomplete stream")
        out.flush()
        os.fsync(out.fileno())

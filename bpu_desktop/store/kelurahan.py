"""One row per desa: a user-added desa's id comes from its natural key.

Users add villages (Wonogiri's desa are not seeded) on their own laptops. A random id made
the same desa typed on two laptops two rows once the files were merged; nothing refers to
a kelurahan row by id (members, events and sponsors store the name), so two rows of one
desa are the same desa twice. New rows take an id from the kecamatan and the name with
case and spacing ignored.
"""

from __future__ import annotations

from .clock import seed_id


def kelurahan_key(name: str) -> str:
    """The name as the desk and the import compare it: spacing collapsed, case folded."""
    return " ".join(name.split()).casefold()


def kelurahan_id(kecamatan_code: str, name: str) -> str:
    """The id of a user-added desa: the same on every laptop for the same kecamatan+name."""
    return seed_id("kelurahan-key", f"{kecamatan_code}:{kelurahan_key(name)}")


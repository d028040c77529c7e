"""Fixtures shared by the store tests."""

from __future__ import annotations

import pytest

from .merge_helpers import officer_file


@pytest.fixture
def branch(tmp_path):
    """The supervisor's branch file (merge and conflict tests)."""
    store = officer_file(tmp_path / "cabang.db", "Supervisor")
    yield store
    store.close()

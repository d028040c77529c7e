"""Start-up spares PySide's source scan of modules that cannot use its `__feature__`s."""

from __future__ import annotations

import sys
import types

import pytest

from bpu_desktop import app


def test_loaded_non_ui_modules_are_known_non_users_ui_modules_are_left_to_pyside(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # If this fails after a PySide6 upgrade, its internals moved: drop the workaround in
    # app._known_not_to_use_pyside_features (start-up is then ~5 ms slower, nothing breaks).
    verdicts = sys.modules["shibokensupport.feature"].pyside_feature_dict
    assert verdicts["bpu_desktop.store.dashboard"] == -1  # marked when app was imported
    for name in ("bpu_desktop.store.fake_figures", "bpu_desktop.ui.fake_page"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
        monkeypatch.delitem(verdicts, name, raising=False)
    app._known_not_to_use_pyside_features()
    try:
        assert verdicts["bpu_desktop.store.fake_figures"] == -1
        assert "bpu_desktop.ui.fake_page" not in verdicts  # PySide reads it itself
    finally:
        verdicts.pop("bpu_desktop.store.fake_figures", None)

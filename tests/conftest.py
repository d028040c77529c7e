"""Shared fixtures. Qt must never look for a display in tests."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    """`make test` leaves out the long soak runs; `make soak` (-m slow) runs only them."""
    if config.getoption("markexpr"):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]

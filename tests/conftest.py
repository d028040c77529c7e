"""Shared fixtures. Qt must never look for a display in tests."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Damaged data files (`good`, `officer`, `bad`) for every test of a refusal to touch one.
pytest_plugins = ("tests.damaged",)

# The app's settings, data and logs go to the user's folders (QSettings, platformdirs):
# in tests, a folder of the run's own, so no test reads what the user (or another run)
# left there, such as the page the window last showed, and none writes there.
_HOME = tempfile.mkdtemp(prefix="bpu-tests-")
for _name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = os.path.join(_HOME, _name.lower())


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    """`make test` leaves out the long soak runs; `make soak` (-m slow) runs only them."""
    if config.getoption("markexpr"):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]

"""The cycle collector pauses during start-up only: never left off, never turned on by us."""

from __future__ import annotations

import gc

import pytest

from bpu_desktop import app as app_module
from bpu_desktop.ui import startup_gc


@pytest.fixture
def collector_on():  # type: ignore[no-untyped-def]
    was = gc.isenabled()
    gc.enable()
    yield
    gc.enable() if was else gc.disable()


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_importing_the_app_leaves_the_collector_on() -> None:
    assert app_module.startup_gc is startup_gc
    assert gc.isenabled()


def test_what_start_up_made_is_old_and_garbage_is_still_collected(collector_on) -> None:  # type: ignore[no-untyped-def]
    startup_gc.pause()
    assert not gc.isenabled()
    kept = [Cycle() for _ in range(2000)]
    garbage = Cycle()
    del garbage
    startup_gc.resume()
    assert gc.isenabled()
    assert gc.get_count()[0] < 700  # no young walk waiting for them
    young = gc.get_objects(generation=0) + gc.get_objects(generation=1)
    assert not any(o is kept[0] for o in young)  # straight to the oldest generation
    assert any(o is kept[0] for o in gc.get_objects(generation=2))
    assert gc.collect() >= 1  # the cycle dropped while paused is found by a full collection


def test_resume_does_not_turn_on_a_collector_someone_else_turned_off(collector_on) -> None:  # type: ignore[no-untyped-def]
    gc.disable()
    startup_gc.pause()
    startup_gc.resume()
    assert not gc.isenabled()

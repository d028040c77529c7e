"""Start-up without Python's cycle collector walking what start-up builds.

Opening the window creates some 40,000 long-lived objects (modules, PySide's types and
enums, the store's dataclasses, the widgets) and almost no garbage. The cycle collector
still walks the young ones every 700 allocations, ~60 times before the window is up
(~10 ms of a ~0.3 s start). So it pauses while start-up runs, and `resume()` hands
everything made meanwhile straight to the oldest generation, the one only the rare full
collection walks (garbage among it is still collected then, like any old object).

Importing this module pauses the collector: `app.py` imports it first, resumes when its
own imports are done, and pauses again in `main()` until the window is shown.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop cycle collection until `resume()` (nothing to do if it was already off)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Collect again; what was made while paused counts as old (see the module note)."""
    global _paused
    if _paused:
        gc.freeze()  # every tracked object to the permanent generation ...
        gc.unfreeze()  # ... and from there into the oldest one: no young walks for them
        gc.enable()
        _paused = False


pause()

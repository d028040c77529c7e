"""Text typed into a search box, matched literally by SQL LIKE.

LIKE reads `%` and `_` as wildcards: unescaped, a search for "%" matched every row. Pair
`like_prefix`/`like_escape` with `LIKE ? ESCAPE '\\'` (the `ESCAPE` constant). SQLite
still serves an escaped prefix pattern from a NOCASE index on the column.
"""

from __future__ import annotations

ESCAPE = "ESCAPE '\\'"


def like_escape(text: str) -> str:
    """`text` with LIKE's wildcards (and the escape character itself) made literal."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_prefix(text: str) -> str:
    """A pattern for values starting with `text`, taken literally."""
    return like_escape(text) + "%"

"""Names in SQL. The only text the app formats into a statement is a table or column name written
in its own code (the contracts in loading/schema.py and referrals/schema.py); every value is a
bound parameter. `ident()` quotes such a name and refuses anything that is not a plain identifier,
so that no value can reach a statement this way.

    ident("figures")                  # '"figures"'
    idents(["year", "measure"])       # '"year", "measure"'
    ident('x"; DROP TABLE figures')   # ValueError
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def ident(identifier: str) -> str:
    """A table or column name from the code, double-quoted; anything else is refused."""
    if not _PLAIN.fullmatch(identifier):
        raise ValueError(f"not a plain SQL name: {identifier!r}")
    return f'"{identifier}"'


def idents(identifiers: Iterable[str]) -> str:
    return ", ".join(ident(i) for i in identifiers)

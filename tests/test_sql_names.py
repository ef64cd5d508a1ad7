"""Only plain names from the code are formatted into SQL (prevent_explorer/sql_names.py)."""

from __future__ import annotations

import pytest

from prevent_explorer.sql_names import ident, idents


def test_plain_names_are_quoted() -> None:
    assert ident("figures") == '"figures"'
    assert idents(["year", "age_group"]) == '"year", "age_group"'


@pytest.mark.parametrize("bad", ['x"; DROP TABLE figures; --', "a b", "", "1year", "year'", "read_csv('/etc/passwd')"])
def test_anything_else_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="not a plain SQL name"):
        ident(bad)

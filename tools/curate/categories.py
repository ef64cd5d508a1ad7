"""Category metadata: the stable group, role, colour and a plain-language definition.

The tables are inputs/categories.csv (one row per category label) and inputs/category_groups.csv
(the ideology and sector groups, which give their categories an order, a colour and a default
definition). Colours are named from the palette in inputs/settings.toml (Okabe-Ito, safe for the
common forms of colour blindness) so the same group has the same colour on every page.

Roles: part = one slice of a breakdown; subtotal = a sum of other published slices or an
overlapping band; base = a denominator; combined = a sum printed by one source.
"""

from __future__ import annotations

from inputs import read, settings

ROLES = ("part", "subtotal", "base", "combined")

PALETTE: dict[str, str] = settings()["palette"]
GROUPS = {(g["dimension"], g["group"]): g for g in read("category_groups.csv")}
CATEGORIES = {(c["dimension"], c["category"]): c for c in read("categories.csv")}


def colour(value: str) -> str:
    """A palette name, or a "#RRGGBB" code as it is."""
    return value if value.startswith("#") else PALETTE[value]


def describe_category(dim: str, cat: str) -> tuple[str, str, str, int, str]:
    """(group, role, definition, sort order, colour) of one category."""
    c = CATEGORIES[(dim, cat)]
    g = GROUPS.get((dim, c["group"]))
    if g is not None:
        # A grouped category takes its group's order and colour, and its definition unless it has its own.
        return c["group"], c["role"], c["definition"] or g["definition"], int(g["sort_order"]), colour(g["colour"])
    return c["group"], c["role"], c["definition"], int(c["sort_order"]), colour(c["colour"])

"""The published figures and categories the synthetic demo is generated from.

`read_published` loads the validated published data into a throwaway in-memory connection and
reads the preferred figures (view figure_values) and the categories; `row_value` says which value a
row carries for a published label.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prevent_explorer import paths
from prevent_explorer.loading.connection import new_connection
from prevent_explorer.loading.published import load_published
from prevent_explorer.referrals.schema import GROUPED_DIMENSIONS


@dataclass(frozen=True)
class Figure:
    """One preferred published figure (a row of the view figure_values)."""

    figure_id: str
    year: str
    measure: str
    dimension: str
    category: str
    main_category: str
    cross_dimension: str | None
    cross_category: str | None
    count: int | None
    role: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.year, self.measure, self.dimension, self.category)


@dataclass(frozen=True)
class Category:
    dimension: str
    category: str
    group: str
    role: str
    sort_order: int


@dataclass(frozen=True)
class Published:
    figures: tuple[Figure, ...]
    categories: dict[tuple[str, str], Category]  # (dimension, label) -> category

    @property
    def years(self) -> list[str]:
        return sorted({f.year for f in self.figures})


def read_published(data_dir: Path | None = None) -> Published:
    """The preferred figures and the categories, from the validated published data."""
    con = new_connection()
    try:
        load_published(con, Path(data_dir) if data_dir is not None else paths.data_dir())
        figure_rows = con.execute(
            """SELECT figure_id, year, measure, dimension, category, main_category, cross_dimension,
                      cross_category, count, role
               FROM figure_values ORDER BY year, measure, dimension, category"""
        ).fetchall()
        category_rows = con.execute(
            'SELECT dimension, category, "group", role, sort_order FROM categories ORDER BY dimension, category'
        ).fetchall()
    finally:
        con.close()
    figures = tuple(Figure(*row) for row in figure_rows)
    categories = {(r[0], r[1]): Category(*r) for r in category_rows}
    return Published(figures, categories)


def row_value(published: Published, dimension: str, label: str) -> str:
    """The value a row carries for a published label: the label itself for ideology and sector,
    the stable group otherwise (outcome groups are the outcome values)."""
    if dimension in GROUPED_DIMENSIONS:
        return label
    return published.categories[(dimension, label)].group

"""Print the column tables of data/published/README.md from prevent_explorer.loading.schema.

    python tools/data_dictionary.py > /tmp/columns.md

The README's tables are pasted from this output; tests/test_data_dictionary.py checks that
every file and column of the schema is documented there.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from prevent_explorer.loading.schema import PUBLISHED_TABLES, Column


def rule(col: Column) -> str:
    parts = []
    if col.required:
        parts.append("required")
    if col.allowed:
        joined = ", ".join(f"`{a}`" for a in col.allowed)
        parts.append(f"one of {joined}" + (f" (several separated by `{col.list_sep}`)" if col.list_sep else ""))
    if col.pattern:
        parts.append(f"matches `{col.pattern}`")
    if col.minimum is not None:
        parts.append(f">= {col.minimum:g}")
    if col.maximum is not None:
        parts.append(f"<= {col.maximum:g}")
    if col.references:
        parts.append(f"must exist in {col.references[0]}.{col.references[1]}")
    return "; ".join(parts)


def main() -> None:
    for table in PUBLISHED_TABLES:
        print(f"### `{table.file}`\n\n{table.description}\n")
        print("| Column | Type | Rules | Meaning |\n|---|---|---|---|")
        for col in table.columns:
            print(f"| `{col.name}` | {col.type} | {rule(col)} | {col.description} |")
        print()


if __name__ == "__main__":
    main()

"""The folder layout is the architecture: small modules, and imports that only go down the layers
(shell -> present -> the data core), with Streamlit only in the shell and the pages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from prevent_explorer.paths import REPO_ROOT

MAX_LINES = 500
CODE = [
    p
    for folder in ("prevent_explorer", "pages", "tools", "harness", "benchmarks", "tests")
    for p in sorted((REPO_ROOT / folder).rglob("*.py"))
]
CORE = REPO_ROOT / "prevent_explorer"


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_is_over_500_lines() -> None:
    long = {str(p.relative_to(REPO_ROOT)): n for p in CODE if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long, long


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("present", ("streamlit", "prevent_explorer.shell")),
        ("loading", ("streamlit", "prevent_explorer.shell", "prevent_explorer.present")),
        ("referrals", ("streamlit", "prevent_explorer.shell", "prevent_explorer.present")),
    ],
)
def test_imports_only_go_down(layer: str, forbidden: tuple[str, ...]) -> None:
    wrong = {
        str(p.relative_to(REPO_ROOT)): sorted(n for n in imported(p) if n.startswith(forbidden))
        for p in sorted((CORE / layer).rglob("*.py"))
    }
    assert not {k: v for k, v in wrong.items() if v}


def test_the_core_modules_outside_the_layers_use_no_streamlit() -> None:
    wrong = [p.name for p in CORE.glob("*.py") if any(n.startswith("streamlit") for n in imported(p))]
    assert not wrong

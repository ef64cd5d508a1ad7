"""Accessibility checks in the browser: axe-core (the axe-playwright-python package ships it).

    problems = serious_violations(page)     # [] when axe finds no serious or critical violation

ALLOWED is the one allow-list of exceptions: a violation that comes from Streamlit's own frontend
and cannot be fixed from the app, as {(axe rule id, CSS selector fragment of the element): reason}.
It is empty: every serious or critical violation found so far was fixed in the app
(prevent_explorer/shell/style.py, the chart theme in present/charts.py, headings in order).
"""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

SERIOUS = ("serious", "critical")
ALLOWED: dict[tuple[str, str], str] = {}

_AXE = Axe()


def _allowed(rule: str, target: str) -> bool:
    return any(rule == r and fragment in target for (r, fragment) in ALLOWED)


def serious_violations(page: Any) -> list[str]:
    """Serious and critical axe violations on the page, one line each (rule, impact, element, why)."""
    out = []
    for violation in _AXE.run(page).response["violations"]:
        if violation["impact"] not in SERIOUS:
            continue
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node.get("target", []))
            if _allowed(violation["id"], target):
                continue
            why = (node.get("failureSummary") or "").replace("\n", " ")[:200]
            out.append(f"{violation['id']} ({violation['impact']}): {target[:160]} — {why}")
    return out

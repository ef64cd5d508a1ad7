"""Whether the visitor's browser is a phone, from its User-Agent header (st.context.headers).

Phones put "Mobi" in their User-Agent (Android's "Mobile", iOS's "Mobile/15E148"); tablets and
desktop browsers, however narrow their window, do not. The server cannot see a window's width.
"""

from __future__ import annotations

import streamlit as st


def on_a_phone() -> bool:
    return "Mobi" in (st.context.headers.get("User-Agent") or "")

"""The app's few style rules that Streamlit's theme options cannot express, applied once per run.

- A filter the page does not use is greyed out, but its label stays readable: at least 4.5:1 on
  the sidebar's background (WCAG AA; Streamlit's own disabled grey is 2.4:1).
- Captions (sources, notes, "Filters used here") in a grey of at least 4.5:1, not faded (Streamlit fades
  them to 4.4:1).
- A visible focus ring on every control, for keyboard users.
- Widget chips show their whole label (e.g. "Adopted as a Channel case"), wrapping if needed.
The selectors use the `data-testid` attributes of Streamlit's elements.
"""

from __future__ import annotations

import streamlit as st

DISABLED_LABEL = "#5F6368"  # 5.5:1 on the sidebar's #F3F5F8
CAPTION = "#55595E"  # 7.1:1 on white
FOCUS = "#0B5CAD"  # the theme's primary colour

STYLE = f"""<style>
[data-testid="stElementContainer"]:has([disabled], [aria-disabled="true"]) [data-testid="stWidgetLabel"] p,
[data-testid="stElementContainer"]:has([disabled], [aria-disabled="true"]) [data-testid="stWidgetLabel"] {{
  color: {DISABLED_LABEL} !important;
}}
[data-testid="stCaptionContainer"] {{ opacity: 1 !important; }}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{ color: {CAPTION} !important; }}
:focus-visible {{ outline: 3px solid {FOCUS} !important; outline-offset: 2px !important; }}
[data-baseweb="tag"] {{ max-width: none !important; height: auto !important; }}
[data-baseweb="tag"] span {{ max-width: none !important; white-space: normal !important; }}
</style>"""


def apply_style() -> None:
    st.html(STYLE)

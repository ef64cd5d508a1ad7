from prevent_explorer.ui.routing import reroute_legacy_run

reroute_legacy_run()

import streamlit as st  # noqa: E402

st.title("overview")
st.info("This page is being built.")

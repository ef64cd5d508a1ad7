"""The Streamlit shell: the session script, the page contract and context, the sidebar and the link, cached data, shared page parts."""

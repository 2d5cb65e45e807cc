"""Usage statistics kept on the agent's machine: the SQLite store, summaries,
the FAQ-gap report and exports. Only masked text is ever kept (see
``expander.email.privacy``).
"""

"""The ``expander`` command: a thin layer over the library. Library errors
become ``Error: ...`` lines and exit codes here, and only here."""

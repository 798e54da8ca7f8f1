"""The officer's two interfaces: the PySide6 desktop and the ``oxfield`` command line."""

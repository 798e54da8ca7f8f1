"""Use cases: the API that the desktop, the command line and sync call."""

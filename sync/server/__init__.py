"""The central server: FastAPI + SQLAlchemy, and the ``oxfield-server`` command."""

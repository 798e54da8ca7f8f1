"""The device side of sync, built on ``oxfield``."""

"""Subcommands of ``oxfield``: one module per area, each with ``register(subparsers)``."""

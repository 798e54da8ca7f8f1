"""Statutory rules: pure functions over plain data, numbers in ``resources/rules``."""

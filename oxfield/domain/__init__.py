"""Domain records per area."""

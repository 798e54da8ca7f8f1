"""The device engine: enrolment, the signed HTTP transport and the sync run (DESIGN.md 5)."""

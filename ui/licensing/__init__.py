"""The licensing screens of the desktop: the live inspection at a venue."""

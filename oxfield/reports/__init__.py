"""PDF documents built in memory with reportlab."""

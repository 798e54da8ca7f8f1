"""OxField's core: records, statutory rules, the encrypted vault, services and reports.

Importing this package has no side effects; it never imports Qt, the web stack, ``sync`` or ``ui``.
"""

__version__ = "0.1.0"

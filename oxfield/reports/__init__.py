"""PDF documents built in memory with reportlab.

``fonts`` (embedded fonts for every script), ``markup`` (escaping and font runs), ``bidi``
(right-to-left painting), ``layout`` (the council's page: marking, reference, page x of y),
``images`` (pictures from bytes), and one module per document: ``visit_letter``,
``ehe_case_summary``, ``s437_notice``. Each document takes plain frozen dataclasses (see
``ehe_inputs``) and returns the PDF as bytes.
"""

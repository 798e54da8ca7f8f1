"""Record forms without Qt: field specs, parsing typed text, loading and saving by form name.

``fields`` is the spec layer, ``specs`` the forms of each kind, ``store`` reads and writes a
record through its form, ``case_records`` lists the records around a case for the case view.
"""

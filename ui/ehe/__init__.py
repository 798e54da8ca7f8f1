"""Home-education screens: the visit record form, PDF preview, intake and escalation."""

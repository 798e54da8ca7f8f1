"""The Chaperones area: the list, the pipeline forms before the interview, the decision."""

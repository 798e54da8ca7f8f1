"""The Employment area: the permits list and the permit form with live byelaw findings."""

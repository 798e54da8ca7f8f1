"""CSV returns and exports: the EHE census, and the safe CSV writing they share."""

"""Sync in the desktop: the conflict review dialog and the controller that runs sync in the
background with progress and cancel and tells the status bar what it found."""

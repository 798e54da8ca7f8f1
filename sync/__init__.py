"""Sync between each laptop and the council's server: the shared protocol, the device
engine (``sync.client``) and the central server (``sync.server``)."""

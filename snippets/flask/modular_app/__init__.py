"""Modular app: an application factory that registers one Blueprint per area of the API."""

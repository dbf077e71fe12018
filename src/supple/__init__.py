"""Supple: a guided mobility coach for runners with tight hamstrings."""

__version__ = "0.1.0"

"""Workbench: the remote-banking centre supervisor's desktop tool."""

__version__ = "0.1.0"

"""gofix-bind: find and fix Go servers that listen on every network interface."""

__version__ = "0.1.0"

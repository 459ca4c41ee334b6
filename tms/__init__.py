"""tms: a translation-management system for articles published in eleven languages."""

__version__ = "0.1.0"

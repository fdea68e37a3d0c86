"""copylint: a static-analysis linter for news copy."""

__version__ = "0.2.0"

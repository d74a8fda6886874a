"""The package version, in a module of its own so that low layers can name it without
importing the public facade (``doclint/__init__.py``), which sits above every layer."""

__version__ = "0.2.0"

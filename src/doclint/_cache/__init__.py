"""_cache."""

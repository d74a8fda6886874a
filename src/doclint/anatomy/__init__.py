"""Locate the parts of a 公文 once, for every rule to share."""

"""Document model and readers."""

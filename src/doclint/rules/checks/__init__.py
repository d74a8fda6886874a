"""Rule kinds and registered code checkers, one module per concept."""

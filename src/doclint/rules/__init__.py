"""Rule packs: schema, loading, and the checkers behind each kind."""

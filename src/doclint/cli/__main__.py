"""``python -m doclint.cli``."""

from doclint.cli import main

main()

"""``python -m doclint`` (= the ``doclint`` command; ``python -X importtime -m doclint check …`` profiles start-up)."""

from doclint.cli import main

main()

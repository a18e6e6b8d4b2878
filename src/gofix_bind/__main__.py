"""Allow `python -m gofix_bind`."""

from gofix_bind.cli import main

main()

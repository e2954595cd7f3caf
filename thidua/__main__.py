"""Allow `python -m thidua`."""

from thidua.cli import app

app()

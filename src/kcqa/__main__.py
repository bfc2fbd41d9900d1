"""``python -m kcqa``: the command line, as ``kcqa`` (see ``kcqa.cli``)."""

from kcqa.cli import command

command()

"""The deal tracker: records into SQLite (`collect`), commitments across documents into deals
(`deals`), and a static dashboard (`report`). `register(cli)` adds `collect` and `report`."""

from __future__ import annotations


def register(group) -> None:
    from extractor.tracker.cli import COMMANDS

    for command in COMMANDS:
        group.add_command(command)

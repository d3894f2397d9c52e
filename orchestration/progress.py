"""Progress messages for people watching a build.

Assets report through Dagster's log (the UI) and through the `plans` logger,
which the CLI prints to the terminal while it works.
"""
from __future__ import annotations

import logging

logger = logging.getLogger("plans")


def reporter(context):
    def report(message: str) -> None:
        context.log.info(message)
        logger.info(message)
    return report

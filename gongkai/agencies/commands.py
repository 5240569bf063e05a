"""What the import commands share: the body named on the command line, and the refusals of
an import (docs/agencies.md, Imports) as one line on stderr and exit status 2."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from .importing import FileRefused, RowsRefused
from .models import Agency


def body_named(slug: str) -> Agency:
    """The body of ``slug``, or the command stops with exit status 2."""
    agency = Agency.objects.filter(slug=slug).first()
    if agency is None:
        raise CommandError(f"找不到网址标识为「{slug}」的机关", returncode=2)
    return agency


def run_import(command: BaseCommand, work: Callable[[], Any]) -> None:
    """Run ``work`` (an import, all rows or none) and print its result; a refused file, refused
    rows (one line each, then their count) or an unreachable database end with exit status 2."""
    try:
        result = work()
    except FileRefused as exc:
        raise CommandError(str(exc), returncode=2) from None
    except RowsRefused as exc:
        for line in exc.errors:
            command.stderr.write(line)
        raise CommandError(f"共 {len(exc.errors)} 处错误，未导入任何数据。", returncode=2) from None
    except DatabaseError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CommandError(f"数据库不可用：{first}", returncode=2) from None
    command.stdout.write(str(result))

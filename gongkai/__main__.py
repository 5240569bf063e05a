"""The ``gongkai`` console script: Django's manage.py under the product's name.

Two failures are common enough on a first install to deserve one clear line and exit
status 2 instead of a traceback: settings that cannot be loaded (a malformed DATABASE_URL,
a short production SECRET_KEY) and a database that cannot be reached.
"""

import os
import sys
from typing import NoReturn


def _fail(message: str) -> NoReturn:
    print(f"gongkai: {message}", file=sys.stderr)
    raise SystemExit(2)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    argv = list(sys.argv if argv is None else argv)
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 - forces the settings module to load
    except Exception as exc:  # settings are user input: report, don't trace back
        _fail(f"配置错误：{exc}")

    from django.core.management import execute_from_command_line
    from django.db.utils import InterfaceError, OperationalError

    try:
        execute_from_command_line(argv)
    except (OperationalError, InterfaceError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        _fail(f"无法连接数据库（{engine}）：{reason}。请检查 DATABASE_URL。")


if __name__ == "__main__":
    main()

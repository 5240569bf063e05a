"""``python -m gongkai.reportengine PATH...``: the report checker without Django."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())

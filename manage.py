#!/usr/bin/env python
"""Same as the ``gongkai`` console script, for people who expect manage.py."""

from gongkai.__main__ import main

if __name__ == "__main__":
    main()

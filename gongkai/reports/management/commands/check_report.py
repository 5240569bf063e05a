"""``gongkai check_report PATH...``: check published annual reports (no database needed).

A thin wrapper: the command line is handled by :func:`gongkai.reportengine.cli.main`, which
also runs without Django as ``python -m gongkai.reportengine``.
"""

import sys

from django.core.management.base import BaseCommand

from gongkai.reportengine.cli import build_parser, main


class Command(BaseCommand):
    help = build_parser().description
    # Reading files needs neither the system checks nor a database.
    requires_system_checks = []
    requires_migrations_checks = False

    def run_from_argv(self, argv):
        # argv is ["gongkai", "check_report", ...]: hand the rest over untouched, so that the
        # options, messages and exit status are exactly those of the engine's CLI.
        sys.exit(main(argv[2:]))

    def add_arguments(self, parser):
        # For `gongkai help check_report` and call_command(); mirrors cli.build_parser().
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--csv", metavar="FILE")
        parser.add_argument("-q", "--quiet", action="store_true")

    def handle(self, *args, **options):
        argv = list(options["paths"])
        argv += ["--json"] if options["json"] else []
        argv += ["--csv", options["csv"]] if options["csv"] else []
        argv += ["--quiet"] if options["quiet"] else []
        # The raw streams: OutputWrapper.write would add a newline to every chunk.
        status = main(argv, stdout=self.stdout._out, stderr=self.stderr._out)
        if status:
            sys.exit(status)

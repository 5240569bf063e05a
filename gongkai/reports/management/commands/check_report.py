"""``gongkai check_report PATH...``: check published annual reports (no database needed).

A thin wrapper: the command line is handled by :func:`gongkai.reportengine.cli.main`, which
also runs without Django as ``python -m gongkai.reportengine``; the options are declared once
(:func:`gongkai.reportengine.cli.add_options`) for both.
"""

import sys

from django.core.management.base import BaseCommand

from gongkai.reportengine.cli import DESCRIPTION, EPILOG, add_options, main


class Command(BaseCommand):
    help = f"{DESCRIPTION} {EPILOG}"
    # Reading files needs neither the system checks nor a database.
    requires_system_checks = []
    requires_migrations_checks = False

    def run_from_argv(self, argv):
        # argv is ["gongkai", "check_report", ...]: hand the rest over untouched, so that the
        # options, messages and exit status are exactly those of the engine's CLI.
        sys.exit(main(argv[2:]))

    def add_arguments(self, parser):
        # The engine's own option table: `gongkai help check_report` lists every option.
        add_options(parser)

    def handle(self, *args, **options):
        # call_command(): rebuild the command line from the parsed options.
        argv = list(options["paths"])
        for name in ("json", "jsonl", "quiet"):
            argv += [f"--{name}"] if options[name] else []
        for name in ("csv", "skip_done", "body_kind", "lang"):
            if options[name]:
                argv += [f"--{name.replace('_', '-')}", options[name]]
        argv += ["--jobs", str(options["jobs"])]
        for kind, (month, day) in options["deadline"]:
            argv += ["--deadline", f"{kind}={month:02d}-{day:02d}"]
        # The raw streams: OutputWrapper.write would add a newline to every chunk.
        status = main(argv, stdout=self.stdout._out, stderr=self.stderr._out)
        if status:
            sys.exit(status)

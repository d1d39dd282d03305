import time
from collections import Counter

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from kyanh_cms.news.legacy_import import LegacyImporter, default_parent


def PLAIN(text):  # noqa: N802 - a style function, like Django's
    """No colour: the progress bar is not an error, although it goes to stderr."""
    return text


class Progress:
    """A one-line progress bar on a terminal; a line per tenth of the work in a log."""

    WIDTH = 30

    def __init__(self, stream, total, enabled):
        self.stream = stream
        self.total = max(total, 1)
        self.enabled = enabled
        self.interactive = enabled and stream.isatty()
        self.started = time.monotonic()
        self.last_tenth = 0

    def update(self, done):
        if not self.enabled:
            return
        share = min(done / self.total, 1)
        if self.interactive:
            filled = int(share * self.WIDTH)
            bar = "#" * filled + "." * (self.WIDTH - filled)
            elapsed = time.monotonic() - self.started
            line = f"\r[{bar}] {done}/{self.total} lines, {elapsed:.0f} s"
            self.stream.write(line, PLAIN, ending="")
            self.stream.flush()
        elif int(share * 10) > self.last_tenth:
            self.last_tenth = int(share * 10)
            self.stream.write(f"{done}/{self.total} lines read", PLAIN)

    def clear(self):
        """Make room for a message: end the bar's line."""
        if self.interactive:
            self.stream.write("\r" + " " * (self.WIDTH + 40) + "\r", PLAIN, ending="")


class Command(BaseCommand):
    help = (
        "Imports news articles from the old portal's JSON Lines export (one article per "
        "line; see docs/import.md). Running it again updates changed articles and leaves "
        "the others alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="the .jsonl file to read")
        parser.add_argument(
            "--media-dir",
            help="the folder that picture paths (and the paths of picture URLs) are read from",
        )
        parser.add_argument(
            "--parent",
            type=int,
            help="id of the page the categories go under (default: the default site's root)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check every line and say what would happen, writing nothing",
        )
        parser.add_argument(
            "--overwrite-edited",
            action="store_true",
            help="also update articles that editors changed since they were imported",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="no progress bar (for scripts)"
        )

    def handle(self, *args, **options):
        if not apps.is_installed("wagtail.contrib.redirects"):
            raise CommandError(
                "kyanh_import creates redirects from the old addresses: add "
                "'wagtail.contrib.redirects' to INSTALLED_APPS and migrate."
            )
        if "wagtail.contrib.redirects.middleware.RedirectMiddleware" not in settings.MIDDLEWARE:
            self.stderr.write(
                self.style.WARNING(
                    "Redirects from the old addresses are created, but nothing serves them: "
                    "add 'wagtail.contrib.redirects.middleware.RedirectMiddleware' to MIDDLEWARE."
                )
            )
        parent = self._parent(options["parent"])
        importer = LegacyImporter(
            parent,
            media_dir=options["media_dir"],
            dry_run=options["dry_run"],
            overwrite_edited=options["overwrite_edited"],
        )
        try:
            handle = open(options["export"], "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            raise CommandError(f"Cannot read {options['export']}: {error.strerror}") from error
        with handle:
            total = sum(1 for _line in handle)
            handle.seek(0)
            counts, failed, warned = self._run(importer, handle, total, options)
        verb = "would be " if options["dry_run"] else ""
        summary = ", ".join(
            [f"{counts[action]} {verb}{action}" for action in ("created", "updated")]
            + [f"{counts[action]} {action}" for action in ("unchanged", "skipped")]
        )
        self.stdout.write(
            f"{total} lines: {summary}, {failed} failed; {warned} warnings"
            + (" (dry run: nothing was written)" if options["dry_run"] else "")
        )
        if failed:
            raise CommandError(f"{failed} lines could not be imported (listed above).")

    def _parent(self, page_id):
        if page_id is None:
            parent = default_parent()
            if parent is None:
                raise CommandError("There is no default site: give --parent.")
            return parent
        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            raise CommandError(f"There is no page with id {page_id}.")
        return page.specific

    def _run(self, importer, handle, total, options):
        progress = Progress(
            self.stderr, total, enabled=not options["no_progress"] and options["verbosity"] > 0
        )
        counts, failed, warned = Counter(), 0, 0
        dry_run = options["dry_run"]
        started = time.monotonic()
        for number, outcome, problem in importer.import_lines(handle, options["traceback"]):
            messages = []  # (stream, text)
            if problem:
                failed += 1
                messages.append((self.stderr, self.style.ERROR(f"line {number}: {problem}")))
            if outcome is not None:
                action = {"create": "created", "update": "updated"}.get(
                    outcome.action, outcome.action
                )
                counts[action] += 1
                warned += len(outcome.warnings)
                messages += [
                    (self.stderr, self.style.WARNING(f"line {number}: {warning}"))
                    for warning in outcome.warnings
                ]
                if outcome.detail:
                    messages.append((self.stdout, f"line {number}: {action}: {outcome.detail}"))
                if dry_run or options["verbosity"] > 1:
                    verb = (
                        f"would {outcome.action}"
                        if action in ("created", "updated") and dry_run
                        else action
                    )
                    messages.append((self.stdout, f"line {number}: {verb} “{outcome.title}”"))
            if messages:
                progress.clear()
                for stream, message in messages:
                    stream.write(message)
            progress.update(number)
        progress.clear()
        if options["verbosity"] > 1:
            self.stdout.write(f"{time.monotonic() - started:.1f} s")
        return counts, failed, warned

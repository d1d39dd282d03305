from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from kyanh_cms.provincial.setup import CommuneRefused, add_commune


class Command(BaseCommand):
    help = (
        "Sets up a commune or ward site of the provincial installation in one step: site, "
        "home page, news categories, showcase index, settings, collections and the groups "
        "of its editors and moderators (see docs/provincial.md). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help='the commune or ward, e.g. "xã Kỳ Hoa"')
        parser.add_argument("hostname", help="the host name its portal is served at")
        parser.add_argument("--port", type=int, default=80, help="the site's port (default 80)")
        parser.add_argument(
            "--slug", help="the home page's slug (default: the name folded, e.g. xa-ky-hoa)"
        )

    def handle(self, *args, **options):
        with translation.override("vi"):
            try:
                setup = add_commune(
                    options["name"], options["hostname"], options["port"], options["slug"]
                )
            except CommuneRefused as refusal:
                raise CommandError(
                    "Không tạo gì cả: " + " ".join(str(m) for m in refusal.messages)
                ) from refusal
            where = f"{setup.name.title} ({setup.site.root_url})"
            if not setup.changed:
                self.stdout.write(f"{where} đã có đủ: không thay đổi gì.")
                return
            self.stdout.write(self.style.SUCCESS(f"Đã thiết lập {where}:"))
            for label, number in setup.summary():
                self.stdout.write(f"  {label}: {number}")

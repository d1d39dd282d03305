from django.core.management.base import BaseCommand

from kyanh_cms.sidebar.visits import delete_old_rows


class Command(BaseCommand):
    help = (
        "Deletes what visit counting no longer needs: visitors not seen for a day, past "
        "days' salts and, with KYANH_CMS['VISIT_HISTORY_DAYS'], old per-page rows. "
        "Run it daily (cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        deleted = delete_old_rows()
        for what, count in deleted.items():
            self.stdout.write(f"{what}: {count}")

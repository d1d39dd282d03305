from django.core.management.base import BaseCommand
from django.db import transaction

from kyanh_cms.demo import STEPS


class Command(BaseCommand):
    help = "Seed the portal with Vietnamese demo content. Safe to run again: it changes nothing."

    def handle(self, *args, **options):
        with transaction.atomic():
            for step in STEPS:
                step(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"
PASSWORD = "kyanh-demo"  # noqa: S105 -- a local demo account on 127.0.0.1 only


class Command(BaseCommand):
    help = "Create (or reset) the example portal's local admin account and print its login."

    def handle(self, *args, **options):
        user, _ = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"email": "admin@kyanh.example"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(PASSWORD)
        user.save()
        self.stdout.write(f"Admin: username {USERNAME!r}, password {PASSWORD!r}")


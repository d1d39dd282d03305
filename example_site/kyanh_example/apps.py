from django.apps import AppConfig


class KyanhExampleConfig(AppConfig):
    name = "kyanh_example"
    label = "kyanh_example"
    verbose_name = "Kỳ Anh example portal"

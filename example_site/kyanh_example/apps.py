from django.apps import AppConfig


class KyanhExampleConfig(AppConfig):
    name = "kyanh_example"
    label = "kyanh_example"
    verbose_name = "Kỳ Anh example portal"

    def ready(self):
        # The example site's own demo pages are seeded before the reader
        # engagement step, which rates and comments on them.
        from kyanh_cms import demo
        from kyanh_cms.demo import engagement

        from .demo import seed

        if seed not in demo.STEPS:
            demo.STEPS.insert(demo.STEPS.index(engagement.seed), seed)

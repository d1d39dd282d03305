"""Vietnamese demo content for the example portal, one module per family.

``manage.py kyanh_demo`` runs every step of ``STEPS`` in order inside one
transaction. Each step is idempotent: it looks its objects up by a stable
key (slug, title, name) and only creates what is missing, so a second run
changes nothing.
"""

from kyanh_cms.demo import (
    communes,
    documents,
    engagement,
    news,
    reports,
    schedules,
    showcases,
    sidebar,
    site,
    tasks,
)

STEPS = [
    site.seed,
    news.seed,
    sidebar.seed,
    showcases.seed,
    tasks.seed,
    documents.seed,
    schedules.seed,
    reports.seed,
    engagement.seed,
    communes.seed,
]

from kyanh_cms.demo import engagement
from kyanh_cms.models import RatingSummary, ReaderComment


class Silent:
    def write(self, *args, **kwargs):
        pass


def test_demo_rates_and_comments_once_and_leaves_one_comment_waiting(make_article):
    first, second = make_article(title="Bài một"), make_article(title="Bài hai")
    for _ in range(2):
        engagement.seed_pages([first, second], Silent())
    summary = RatingSummary.objects.get(page=first)
    assert summary.count == len(engagement.VOTES)
    assert ReaderComment.objects.filter(page=first).approved().count() == 4
    assert ReaderComment.objects.pending().count() == 1
    assert ReaderComment.objects.filter(page=first).exclude(reply="").count() == 1
    assert RatingSummary.objects.get(page=second).count == 6

"""Many processes write ratings and comments at once: nothing lost, nothing counted twice.

Threads with their own database connections post through the real views,
started together by a barrier. PostgreSQL only: SQLite serialises writers.
"""

import copy
import threading

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.test import Client

from kyanh_cms.models import Rating, RatingSummary, ReaderComment

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrency is tested on PostgreSQL"
    ),
]


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    cache.clear()
    settings.KYANH_CMS = {"RATING_RATE_LIMIT": 10_000, "COMMENT_RATE_LIMIT": 10_000}


def run_together(jobs):
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)
    errors = []

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # reported below; a thread must not die silently
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n, job)) for n, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    return results


def test_concurrent_voters_are_all_counted(make_article):
    article = make_article()
    stars = [(n % 5) + 1 for n in range(24)]

    def vote(value):
        return lambda: Client().post(
            f"/kyanh/engagement/{article.pk}/rating/send/", {"stars": value}
        )

    responses = run_together([vote(value) for value in stars])
    assert [response.status_code for response in responses] == [302] * len(stars)
    summary = RatingSummary.objects.get(page=article)
    assert (summary.count, summary.total) == (len(stars), sum(stars))
    assert Rating.objects.filter(page=article).count() == len(stars)


def test_one_visitor_voting_in_many_tabs_counts_once(make_article):
    article = make_article()
    cookie = "concurrent-visitor-token-0001"

    def vote():
        visitor = Client()
        visitor.cookies["kyanh_voter"] = cookie
        return visitor.post(f"/kyanh/engagement/{article.pk}/rating/send/", {"stars": "5"})

    run_together([vote for _ in range(8)])
    summary = RatingSummary.objects.get(page=article)
    assert (summary.count, summary.total) == (1, 5)


def test_one_solved_captcha_posted_twice_at_once_makes_one_comment(make_article, solve_captcha):
    article = make_article()
    form_url = f"/kyanh/engagement/{article.pk}/comments/"
    rounds = 5  # a race is a matter of timing: give it several chances
    for round_number in range(1, rounds + 1):
        visitor = Client()
        key, answer = solve_captcha(visitor.get(form_url).content.decode())
        content = f"Gửi hai lần ({round_number})"
        data = {"name": "An", "content": content, "captcha_0": key, "captcha_1": answer}

        def post(data=data, cookies=visitor.cookies):
            # Three tabs of one browser: the challenge belongs to its CSRF cookie.
            tab = Client()
            tab.cookies = copy.deepcopy(cookies)
            return tab.post(f"{form_url}send/", data).status_code

        statuses = run_together([post, post, post])
        # One post spends the challenge and saves; each other one either finds the
        # challenge spent (400, a new code) or, arriving after the save, is told the
        # comment is already there (302): never a second comment.
        assert statuses.count(302) >= 1
        assert set(statuses) <= {302, 400}
        assert ReaderComment.objects.count() == round_number

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

# Playwright's sync API runs an event loop in the test thread; Django refuses
# ORM calls from such a thread unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded files (images, documents, captchas) go to a folder per test."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # Cached renditions and embeds would point into an earlier test's media folder.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: rolled-back rows must not live on in
    cached renditions, settings or rendered fragments."""
    from django.core.cache import caches

    from kyanh_cms.caching import epoch

    for cache in caches.all():
        cache.clear()
    # A fresh test database has no change lost by the cache; held, so that a query
    # budget never meets the once-a-second read (tests/reliability forget it).
    epoch.assume("0", hold=True)


@pytest.fixture
def fragments_off(settings):
    """Draw every part of a page on each request. Cached fragments would serve a warm
    page's lists from the cache and hide a query per item: budgets that compare few
    items with many measure the page drawn in full, as after each publish."""
    settings.KYANH_CMS = {**getattr(settings, "KYANH_CMS", {}), "FRAGMENT_CACHE_SECONDS": 0}


REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory):
    """A wheel built from the repository, as pip would build it for PyPI."""
    out = tmp_path_factory.mktemp("dist")
    # setuptools reuses build/lib between builds and never removes files that
    # left the source tree (a renamed migration would ship twice).
    shutil.rmtree(REPO / "build" / "lib", ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        check=True,
    )
    (path,) = out.glob("kyanh_cms-*.whl")
    return path


def ensure_wagtail_initial_data():
    """Recreate what Wagtail's migrations insert (tree root, root collection,
    default locale) after a transactional test's flush has removed it."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Page.objects.exists():
        Page.add_root(instance=Page(title="Root", slug="root"))


@pytest.fixture
def wagtail_tree(transactional_db):
    """What Wagtail's migrations insert, back after an earlier transactional test's flush
    (for tests that build their own site, e.g. with ``manage.py kyanh_demo``)."""
    ensure_wagtail_initial_data()


@pytest.fixture
def portal(db):
    """The demo portal's home page, Site and identity — the base most tests stand on."""
    from wagtail.models import Site

    from kyanh_cms.demo import site

    ensure_wagtail_initial_data()
    site.seed(_Silent())
    return Site.objects.get(is_default_site=True)


class _Silent:
    def write(self, *args, **kwargs):
        pass


def pytest_collection_modifyitems(items):
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.browser)


def pytest_report_header(config):
    url = os.environ.get("DATABASE_URL", "")
    return [f"database: {'PostgreSQL (' + url.split('@')[-1] + ')' if url else 'SQLite'}"]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    vendor = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    terminalreporter.write_sep("=", f"kyanh-cms test run on {vendor} finished (exit {exitstatus})")


@pytest.fixture
def db_vendor():
    return connection.vendor


# --- News -------------------------------------------------------------------


class NewsFactory:
    """Small helpers that build news categories, articles, images and documents."""

    def __init__(self, site):
        self.site = site
        self.home = site.root_page.specific
        self._count = 0

    def image(self, title="Ảnh thử", width=640, height=427):
        from kyanh_cms.demo.images import draw_scene, get_or_create_image

        self._count += 1
        return get_or_create_image(
            f"{title} {self._count}",
            draw_scene(width, height, (150, 200, 240), (60, 140, 70), (255, 210, 80), self._count),
            f"anh-thu-{self._count}.jpg",
        )

    def document(self, title="Kế hoạch thử", content=b"%PDF-1.4 test"):
        from django.core.files.base import ContentFile
        from wagtail.documents import get_document_model

        document = get_document_model()(title=title)
        document.file.save("ke-hoach-thu.pdf", ContentFile(content), save=False)
        document._set_document_file_metadata()
        document.save()
        return document

    def category(self, title="Tin tức", parent=None, **fields):
        from kyanh_cms.models import NewsIndexPage

        category = NewsIndexPage(title=title, **fields)
        (parent or self.home).add_child(instance=category)
        return category

    def article(self, category, title="Bài viết thử", body=None, tags=(), publish=True, **fields):
        import json

        from kyanh_cms.models import NewsArticlePage

        article = NewsArticlePage(title=title, body=json.dumps(body or []), **fields)
        if tags:
            article.tags.add(*tags)
        article.live = publish
        category.add_child(instance=article)
        if publish:
            article.save_revision().publish()
        return article


@pytest.fixture
def news(portal):
    return NewsFactory(portal)


# --- Reader engagement -------------------------------------------------------


@pytest.fixture
def approved_comments():
    """``approved_comments(page, count)``: approved reader comments under ``page``,
    every other one answered (written in bulk, as no moderation is being tested)."""
    from kyanh_cms.models import ReaderComment

    def _add(page, count):
        return ReaderComment.objects.bulk_create(
            ReaderComment(
                page=page,
                name=f"Bạn đọc {n}",
                content="Ý kiến",
                status=ReaderComment.Status.APPROVED,
                reply="Cảm ơn bạn." if n % 2 else "",
            )
            for n in range(count)
        )

    return _add


@pytest.fixture
def make_article(news):
    """Publish a news article, which accepts ratings and comments unless told otherwise."""
    category = news.category("Tin hoạt động", slug="tin-hoat-dong")
    created = []

    def _make(title="Bài viết thử nghiệm", **fields):
        created.append(title)
        return news.article(category, title=title, slug=f"bai-viet-{len(created)}", **fields)

    return _make


@pytest.fixture
def solve_captcha():
    """Read the challenge key out of a rendered comment form and its answer out of the database."""
    import re

    from captcha.models import CaptchaStore

    def _solve(html):
        key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', html).group(1)
        return key, CaptchaStore.objects.get(hashkey=key).response

    return _solve


class OwnRedis:
    """A redis-server of one test's own, which the test may stop and start again.

    ``stop(save=True)`` writes its data to disk first, so that ``start()`` brings the
    same data back, as a production Redis with snapshots does after a restart.
    """

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.port = None
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        import socket
        import time

        if self.port is None:
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))
                self.port = sock.getsockname()[1]
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir), "--dbfilename", "dump.rdb",
             "--logfile", str(self.workdir / "server.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self._command(b"PING").startswith(b"+PONG"):
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def _command(self, command: bytes) -> bytes:
        import socket

        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=2) as sock:
                sock.sendall(command + b"\r\n")
                return sock.recv(64)
        except OSError:
            return b""

    def stop(self, save=False):
        if self.process is None:
            return
        if save:
            assert self._command(b"SAVE").startswith(b"+OK")
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def own_redis(tmp_path):
    """A running Redis of this test's own (``.url``, ``.stop(save=)``, ``.start()``)."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (make redis-deps)")
    server = OwnRedis(tmp_path)
    server.start()
    yield server
    server.stop()


EXAMPLE_SITE = REPO / "example_site"


@pytest.fixture
def gunicorn_server():
    """Start the example site under gunicorn: ``with gunicorn_server(settings, env) as url``.

    Its own process group, stopped (and killed if it must be) when the block ends;
    ``url`` is ``http://127.0.0.1:<port>`` once ``/kyanh/health/live/`` answers.
    """
    import contextlib
    import signal
    import socket
    import time
    import urllib.request

    @contextlib.contextmanager
    def start(settings_module, env=None, workers=1, start_seconds=60):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "kyanh_example.wsgi:application",
             "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
             "--graceful-timeout", "5", "--log-level", "warning"],
            env={**os.environ, "DJANGO_SETTINGS_MODULE": settings_module,
                 "PYTHONPATH": str(EXAMPLE_SITE), **(env or {})},
            cwd=str(EXAMPLE_SITE),
            start_new_session=True,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + start_seconds
            while True:
                try:
                    with urllib.request.urlopen(url + "/kyanh/health/live/", timeout=2):  # noqa: S310
                        break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("gunicorn did not start")
                time.sleep(0.1)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    return start

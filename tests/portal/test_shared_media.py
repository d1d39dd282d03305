"""Two app servers that share nothing but the database and the media store.

A province runs its commune portals on several app servers. Here servers A and B are two
gunicorn masters of the example site's production settings (one worker each), started
from different working folders, each with its own memory cache (no Redis), on the test's
PostgreSQL database and one MEDIA_ROOT: a temporary folder standing for the NFS mount
every server has at the same path, which the web server in front serves at ``/media/``.

An editor uploads a picture and a document through A's admin; the article that uses both
is published; a reader gets it from B. B's renditions of the picture are files in the
shared folder, A shows the very same ones without making its own, B's document link
returns the document's bytes, and B's feed and saved copy ("Lưu bài") read the picture
through the storage.
"""

import io
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import requests
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.files.storage import default_storage
from django.db import connection
from django.utils.crypto import get_random_string
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from kyanh_cms.demo.images import draw_scene

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL, which two app servers can share: run it through "
    "scripts/with_postgres.py (make test-postgres)",
)

EXAMPLE_SITE = Path(__file__).resolve().parents[2] / "example_site"
#: Bounds of the slow parts: collecting static files, starting a server, one request.
COLLECTSTATIC_SECONDS = 120
START_SECONDS = 60
REQUEST_SECONDS = 30
STOP_SECONDS = 15
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0"
EDITOR, PASSWORD = "bientap", "mat-khau-bien-tap-2026"
PDF = b"%PDF-1.4\n% Ke hoach thu hoach lua vu He Thu 2026\n%%EOF\n"


def free_ports(count):
    """``count`` different free ports: all held open at once, so none is given twice."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def database_url():
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


class Server:
    """One app server, spoken to as through the web server in front of it, which ends TLS
    (``X-Forwarded-Proto: https``). Keeps its own cookies: the production settings mark
    them secure, which a cookie jar would not send over the loopback's plain HTTP."""

    def __init__(self, name, port):
        self.name, self.port = name, port
        self.cookies = {}

    @property
    def origin(self):
        return f"https://127.0.0.1:{self.port}"

    def request(self, method, path, headers=None, **kwargs):
        response = requests.request(
            method,
            f"http://127.0.0.1:{self.port}{path}",
            headers={"X-Forwarded-Proto": "https", "User-Agent": BROWSER, **(headers or {})},
            cookies=self.cookies,
            allow_redirects=False,
            timeout=REQUEST_SECONDS,
            **kwargs,
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, path, data, files=None):
        """A form of the admin, with the CSRF token and the origin a browser sends."""
        if "csrftoken" not in self.cookies:
            self.get(path)
        return self.request(
            "POST",
            path,
            data={**data, "csrfmiddlewaretoken": self.cookies["csrftoken"]},
            files=files,
            headers={"Origin": self.origin},
        )


def start_server(name, port, env, cwd, log):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "kyanh_example.wsgi:application",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--graceful-timeout",
            "5",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=str(cwd),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: its worker is stopped with it
    )
    return process, Server(name, port)


def wait_until_up(process, server, log_path):
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            if server.get("/kyanh/health/live/").status_code == 200:
                return
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(
                f"server {server.name} did not start on port {server.port} "
                f"(exit code {process.poll()}):\n{log_path.read_text()[-3000:]}"
            )
        time.sleep(0.1)


def stop(process):
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture
def shared_media_root(settings):
    """The shared mount: this test's MEDIA_ROOT, which this process writes through too."""
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    return root


@pytest.fixture
def servers(transactional_db, portal, shared_media_root, tmp_path):
    """Servers A and B on this test's database and the shared MEDIA_ROOT; always stopped."""
    env = {
        key: value
        for key, value in os.environ.items()
        # Nothing shared but the database and the media folder: no Redis, no bucket.
        if key != "REDIS_URL" and not key.startswith("MEDIA_S3_")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="kyanh_example.settings.production",
        PYTHONPATH=str(EXAMPLE_SITE),
        DATABASE_URL=database_url(),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECRET_KEY="kyanh-shared-media-test-" + "s" * 50,
        MEDIA_STORAGE="filesystem",
        KYANH_MEDIA_ROOT=str(shared_media_root),
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
    )
    # Each server runs collectstatic from the same release; one copy serves both here.
    subprocess.run(
        [sys.executable, str(EXAMPLE_SITE / "manage.py"), "collectstatic", "--noinput"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=COLLECTSTATIC_SECONDS,
    )
    started = []
    try:
        for name, port in zip(("a", "b"), free_ports(2), strict=True):
            cwd = tmp_path / f"server-{name}"
            cwd.mkdir()
            log_path = tmp_path / f"server-{name}.log"
            with log_path.open("wb") as log:
                process, server = start_server(name, port, env, cwd, log)
            started.append((process, server, log_path))
        for process, server, log_path in started:
            wait_until_up(process, server, log_path)
        yield tuple(server for _process, server, _log in started)
    finally:
        for process, _server, _log in started:
            stop(process)


def jpeg(width=1600, height=1000):
    buffer = io.BytesIO()
    draw_scene(width, height, (150, 200, 240), (60, 140, 70), (255, 210, 80), 7).save(
        buffer, format="JPEG", quality=85
    )
    return buffer.getvalue()


def media_file(root, url):
    """The file the web server sends for a ``/media/…`` address (any host's: the same mount)."""
    path = unquote(urlsplit(url).path)
    assert path.startswith(settings.MEDIA_URL), f"{url} is not a media address"
    return root / path[len(settings.MEDIA_URL) :]


def picture_addresses(soup):
    """Every address of a stored picture on the page: ``src`` and each ``srcset`` entry."""
    found = set()
    for img in soup.find_all("img"):
        found.add(img["src"])
        for candidate in img.get("srcset", "").split(","):
            if candidate.strip():
                found.add(candidate.split()[0])
    return {url for url in found if urlsplit(url).path.startswith(settings.MEDIA_URL)}


def test_a_picture_and_a_document_uploaded_on_one_server_are_shown_by_the_other(
    servers, news, shared_media_root
):
    a, b = servers
    Image, Document = get_image_model(), get_document_model()
    Rendition = Image.get_rendition_model()
    # Hashed as the servers' settings hash (the test settings use a fast hasher they lack).
    editor = get_user_model().objects.create_superuser(EDITOR, "bientap@kyanh.example")
    editor.password = PBKDF2PasswordHasher().encode(PASSWORD, get_random_string(16))
    editor.save(update_fields=["password"])

    # An editor uploads through A's admin: A's process writes the files.
    assert (
        a.post_form("/admin/login/", {"username": EDITOR, "password": PASSWORD}).status_code == 302
    )
    uploaded = a.post_form(
        "/admin/images/add/",
        {"title": "Ruộng lúa Kỳ Hà"},
        files={"file": ("ruong-lua-ky-ha.jpg", jpeg(), "image/jpeg")},
    )
    assert uploaded.status_code == 302, uploaded.text[-2000:]
    uploaded = a.post_form(
        "/admin/documents/add/",
        {"title": "Kế hoạch thu hoạch lúa"},
        files={"file": ("ke-hoach-thu-hoach.pdf", PDF, "application/pdf")},
    )
    assert uploaded.status_code == 302, uploaded.text[-2000:]
    image = Image.objects.get(title="Ruộng lúa Kỳ Hà")
    document = Document.objects.get(title="Kế hoạch thu hoạch lúa")
    assert (shared_media_root / image.file.name).is_file()
    assert (shared_media_root / document.file.name).read_bytes() == PDF
    assert not image.renditions.exists()

    category = news.category("Tin hoạt động", slug="tin-hoat-dong")
    article = news.article(
        category,
        "Kỳ Hà thu hoạch lúa vụ Hè Thu",
        slug="ky-ha-thu-hoach-lua",
        main_image=image,
        body=[
            {
                "type": "image",
                "value": {"image": image.pk, "caption": "Ruộng lúa", "placement": "full"},
            },
            {"type": "document", "value": {"document": document.pk, "title": ""}},
        ],
    )

    # A reader gets the article from B: B makes the renditions, into the shared folder.
    page_b = b.get(article.url)
    assert page_b.status_code == 200
    soup_b = BeautifulSoup(page_b.text, "html.parser")
    body_picture = soup_b.select_one(".kyanh-article__body img")
    assert body_picture is not None
    addresses = picture_addresses(soup_b)
    assert body_picture["src"] in addresses
    assert image.renditions.exists(), "B drew the article without making a rendition"
    # Every picture on the page (the portal's emblem too) is a rendition, on the mount.
    renditions = {rendition.file.name: rendition for rendition in Rendition.objects.all()}
    for url in addresses:
        on_mount = media_file(shared_media_root, url)
        name = on_mount.relative_to(shared_media_root).as_posix()
        assert name in renditions, f"{url} is not a rendition"
        assert default_storage.exists(name), f"{url}: no file on the shared mount"
        with PILImage.open(on_mount) as picture:
            assert picture.size == (renditions[name].width, renditions[name].height)

    # A draws the same article with B's renditions, making none of its own.
    page_a = a.get(article.url)
    assert page_a.status_code == 200
    assert picture_addresses(BeautifulSoup(page_a.text, "html.parser")) == addresses
    assert Rendition.objects.count() == len(renditions)

    # The document link works from B: Wagtail's view sends the file from the shared mount.
    link = soup_b.select_one("a.kyanh-document__link")["href"]
    download = b.get(urlsplit(link).path)
    assert download.status_code == 200
    assert download.content == PDF
    assert 'filename="ke-hoach-thu-hoach.pdf"' in download.headers["Content-Disposition"]

    # B's saved copy embeds the pictures it reads through the storage.
    saved = BeautifulSoup(b.get(article.url + "tai-ve/").text, "html.parser")
    sources = [img["src"] for img in saved.find_all("img")]
    assert sources and all(src.startswith("data:image/") for src in sources)

    # B's feed gives the picture's true size, measured through the storage.
    feed = ElementTree.fromstring(b.get(category.url + "rss/").content)
    enclosure = feed.find("channel/item/enclosure")
    on_mount = media_file(shared_media_root, enclosure.get("url"))
    assert int(enclosure.get("length")) == on_mount.stat().st_size > 0

"""deploy/guide-site.conf in a real nginx: pages, assets, the 404 page,
compression, caching and security headers, checked over HTTP."""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import pytest

from helpers import ROOT
from processes import Background
from nginx_fixtures import EXAMPLE_CONF, SITE_CONF, check_config, main_conf, page_paths

HASHED = re.compile(r"\.[0-9a-f]{8,}\.(?:min\.)?(?:js|css)$")
YEAR = 365 * 24 * 3600

CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
PERMISSIONS_OFF = ["camera", "microphone", "geolocation", "payment", "usb", "accelerometer", "gyroscope", "magnetometer"]


class Response:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def text(self) -> str:
        body = gzip.decompress(self.body) if self.header("Content-Encoding") == "gzip" else self.body
        return body.decode("utf-8")


def fetch(server, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> Response:
    """One request, no redirects followed, no automatic decompression."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        return Response(resp.status, resp.headers, resp.read())
    finally:
        conn.close()


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.refs.append(a["src"])
        if tag == "link" and a.get("rel") in ("stylesheet", "icon") and a.get("href"):
            self.refs.append(a["href"])


def asset_paths(site: Path) -> list[str]:
    """URL paths of the scripts, style sheets and icon the home page loads."""
    parser = _Refs()
    parser.feed((site / "index.html").read_text(encoding="utf-8"))
    return sorted({urlsplit(urljoin("http://x/", ref)).path for ref in parser.refs})


def search_worker_path(site: Path) -> str:
    (worker,) = (site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    return "/" + worker.relative_to(site).as_posix()


def cache_control(resp: Response) -> dict[str, str | None]:
    value = resp.header("Cache-Control")
    assert value, "no Cache-Control header"
    out = {}
    for part in value.split(","):
        key, _, arg = part.strip().partition("=")
        out[key.lower()] = arg or None
    return out


def parse_csp(value: str) -> dict[str, list[str]]:
    out = {}
    for directive in filter(None, (d.strip() for d in value.split(";"))):
        name, *sources = directive.split()
        out[name.lower()] = sources
    return out


# --- what is served ---------------------------------------------------------

def test_every_page_is_served(nginx, nginx_site):
    paths = page_paths(nginx_site)
    assert len(paths) == len(list((ROOT / "content").glob("*.md"))), paths  # every page of the guide
    for path in paths:
        resp = fetch(nginx, path)
        assert resp.status == 200, path
        assert resp.header("Content-Type") == "text/html; charset=utf-8", path
        assert resp.body == (nginx_site / path.lstrip("/") / "index.html").read_bytes(), path


def test_assets_are_served_with_their_types(nginx, nginx_site):
    expected = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".png": "image/png"}
    assets = asset_paths(nginx_site) + [search_worker_path(nginx_site), "/search/search_index.json", "/sitemap.xml"]
    expected |= {".json": "application/json; charset=utf-8", ".xml": "application/xml; charset=utf-8"}
    for path in assets:
        resp = fetch(nginx, path)
        assert resp.status == 200, path
        assert resp.header("Content-Type") == expected[Path(path).suffix], path
        assert resp.body == (nginx_site / path.lstrip("/")).read_bytes(), path


def test_missing_paths_get_the_404_page(nginx, nginx_site):
    page_404 = (nginx_site / "404.html").read_bytes()
    assert b"404" in page_404
    for path in ("/no-such-page/", "/writing/missing.html", "/assets/javascripts/bundle.0123abcd.min.js"):
        resp = fetch(nginx, path)
        assert resp.status == 404, path
        assert resp.header("Content-Type") == "text/html; charset=utf-8", path
        assert resp.body == page_404, f"{path}: not the site's own 404 page"
        assert cache_control(resp) == {"no-cache": None}, path


def test_hidden_files_are_never_served(nginx):
    for path in ("/.git/config", "/.htaccess", "/assets/.env"):
        assert fetch(nginx, path).status == 404, path


def test_folder_without_slash_redirects_to_the_page(nginx):
    resp = fetch(nginx, "/writing")
    assert resp.status == 301
    assert resp.header("Location") == "/writing/"


# --- compression ------------------------------------------------------------

def test_text_is_gzipped_when_asked(nginx, nginx_site):
    text = [p for p in asset_paths(nginx_site) if p.endswith((".js", ".css"))]
    text += ["/", "/writing/", search_worker_path(nginx_site), "/search/search_index.json", "/sitemap.xml"]
    for path in text:
        plain = fetch(nginx, path)
        assert plain.header("Content-Encoding") is None, f"{path}: compressed though the client did not ask"
        zipped = fetch(nginx, path, {"Accept-Encoding": "gzip, deflate, br"})
        if len(plain.body) < 256:  # gzip_min_length: not worth compressing
            assert zipped.header("Content-Encoding") is None, path
            continue
        assert zipped.header("Content-Encoding") == "gzip", path
        assert "Accept-Encoding" in (zipped.header("Vary") or ""), path
        assert gzip.decompress(zipped.body) == plain.body, path
        assert len(zipped.body) < len(plain.body), path
        if len(plain.body) > 4096:
            assert len(zipped.body) < len(plain.body) / 2, f"{path}: {len(zipped.body)} of {len(plain.body)} bytes"


def test_images_are_not_gzipped(nginx):
    resp = fetch(nginx, "/assets/images/favicon.png", {"Accept-Encoding": "gzip"})
    assert resp.status == 200
    assert resp.header("Content-Encoding") is None


# --- caching ----------------------------------------------------------------

def test_hashed_assets_are_cached_for_a_year(nginx, nginx_site):
    hashed = [p for p in asset_paths(nginx_site) if HASHED.search(p)] + [search_worker_path(nginx_site)]
    names = " ".join(hashed)
    for wanted in ("/assets/javascripts/bundle.", "/assets/stylesheets/main.",
                   "/assets/guidekit/guidekit.", "/assets/javascripts/workers/search."):
        assert wanted in names, f"no hashed {wanted}* asset found in {hashed}"
    assert any(p.startswith("/assets/guidekit/") and p.endswith(".css") for p in hashed), hashed
    for path in hashed:
        resp = fetch(nginx, path)
        assert parse_csp(resp.header("Content-Security-Policy") or "") == CSP, f"{path}: security headers lost"
        cc = cache_control(resp)
        assert int(cc.get("max-age") or 0) >= YEAR, (path, cc)
        assert "immutable" in cc, (path, cc)
        assert "public" in cc, (path, cc)


def test_pages_and_data_are_revalidated(nginx, nginx_site):
    for path in page_paths(nginx_site) + ["/search/search_index.json", "/sitemap.xml"]:
        resp = fetch(nginx, path)
        assert cache_control(resp) == {"no-cache": None}, path
        etag = resp.header("ETag")
        assert etag, path
        again = fetch(nginx, path, {"If-None-Match": etag})
        assert again.status == 304, f"{path}: revalidation should be a cheap 304"


def test_unhashed_assets_are_cached_briefly(nginx, nginx_site):
    unhashed = [p for p in asset_paths(nginx_site) if not HASHED.search(p)]
    assert "/assets/stylesheets/guide.css" in unhashed and "/assets/images/favicon.png" in unhashed, unhashed
    for path in unhashed:
        cc = cache_control(fetch(nginx, path))
        assert "immutable" not in cc, (path, cc)
        assert 0 < int(cc.get("max-age") or 0) <= 3600, (path, cc)


# --- security headers -------------------------------------------------------

@pytest.mark.parametrize("path, status", [
    ("/", 200), ("/writing/", 200), ("/assets/stylesheets/guide.css", 200),
    ("/search/search_index.json", 200), ("/no-such-page/", 404), ("/writing", 301),
])
def test_security_headers_on_every_response(nginx, path, status):
    resp = fetch(nginx, path)
    assert resp.status == status
    for name, value in SECURITY_HEADERS.items():
        assert resp.header(name) == value, f"{path}: {name}: {resp.header(name)!r}"
    assert parse_csp(resp.header("Content-Security-Policy") or "") == CSP
    permissions = dict(item.strip().split("=", 1) for item in (resp.header("Permissions-Policy") or "").split(","))
    for feature in PERMISSIONS_OFF:
        assert permissions.get(feature) == "()", f"{feature} is not turned off: {permissions}"
    assert resp.header("Server") == "nginx", "server_tokens off hides the version"
    assert len(resp.headers.get_all("Cache-Control") or []) == 1


def test_csp_allows_no_inline_code_or_eval(nginx):
    csp = fetch(nginx, "/").header("Content-Security-Policy") or ""
    assert csp, "no Content-Security-Policy"
    for word in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", "*", "http:", "https:", "blob:"):
        assert word not in csp.split(), f"{word} in the policy"


def test_the_error_page_does_not_name_the_nginx_version(nginx, nginx_site):
    # A request nginx refuses itself (no Host header in HTTP/1.1) uses its
    # built-in error page, which names the version unless server_tokens is off.
    resp = fetch(nginx, "/", method="GET", headers={"Host": ""})
    assert resp.status == 400
    assert re.search(rb"nginx/\d", resp.body) is None, resp.body


# --- the configuration files --------------------------------------------------

def test_example_server_block_is_valid(tmp_path):
    """deploy/nginx.conf, with the snippet where its comment says to copy it."""
    (tmp_path / "snippets").mkdir()
    shutil.copy(SITE_CONF, tmp_path / "snippets" / "guide-site.conf")
    conf = main_conf(tmp_path, f"    include {EXAMPLE_CONF};")
    result = check_config(conf)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_config_keeps_every_add_header_out_of_locations():
    """An add_header inside a location silently drops the server's headers there."""
    depth, in_location = 0, []
    for number, line in enumerate(SITE_CONF.read_text(encoding="utf-8").splitlines(), 1):
        code = line.split("#", 1)[0]
        if re.match(r"\s*location\b", code):
            in_location.append(depth)
        if "add_header" in code:
            assert not in_location, f"{SITE_CONF.name}:{number}: add_header inside a location"
        depth += code.count("{") - code.count("}")
        if in_location and depth == in_location[-1]:
            in_location.pop()


def test_hosting_page_shows_the_tested_files():
    page = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
    assert '--8<-- "deploy/guide-site.conf"' in page
    assert '--8<-- "deploy/nginx.conf"' in page


def test_hosting_page_renders_the_same_config(manual_site):
    """The built docs page holds deploy/guide-site.conf line for line
    (mkdocs.yml needs pymdownx.snippets with base_path ["."])."""
    import html

    page = manual_site / "hosting" / "index.html"
    assert page.exists(), "docs/hosting.md was not built"
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
    assert "--8<--" not in text, "the snippet lines were not replaced: add pymdownx.snippets to mkdocs.yml"
    for line in (SITE_CONF.read_text(encoding="utf-8").splitlines()
                 + EXAMPLE_CONF.read_text(encoding="utf-8").splitlines()):
        assert line.strip() in text, f"missing from the hosting page: {line.strip()!r}"


def test_hosting_page_states_the_policy_in_force(nginx):
    """The policy spelled out on the hosting page is the one nginx sends."""
    page = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
    section = page.split("### The Content-Security-Policy", 1)[1]
    block = re.search(r"```text\n(.*?)```", section, re.S)
    assert block, "no policy block on the hosting page"
    assert parse_csp(" ".join(block.group(1).split())) == parse_csp(fetch(nginx, "/").header("Content-Security-Policy"))


LOCAL_NGINX = ROOT / "deploy" / "local_nginx.py"


def local_nginx(*args: str, env: dict | None = None) -> Background:
    return Background([sys.executable, str(LOCAL_NGINX), *args], env=dict(os.environ, **(env or {})))


def run_local_nginx(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(LOCAL_NGINX), *args], capture_output=True, text=True,
                          timeout=60, env=dict(os.environ, **(env or {})))


def answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        return True
    except OSError:
        return False


@pytest.fixture
def small_site(tmp_path) -> Path:
    site = tmp_path / "my site"  # a space in the path, as in many home folders
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>Home</title><p>small site</p>\n", encoding="utf-8")
    (site / "404.html").write_text("<!doctype html><title>404</title>\n", encoding="utf-8")
    return site


def test_site_owners_can_try_the_config_with_one_command(nginx_site, tmp_path):
    """deploy/local_nginx.py, as the hosting page shows it: serves a built
    site with the configuration until stopped, and says so when there is no site."""
    from local_nginx import free_port

    empty = run_local_nginx(str(tmp_path))
    assert empty.returncode == 2 and "run 'make build' first" in empty.stderr and "Traceback" not in empty.stderr

    port = free_port()
    with local_nginx(str(nginx_site), "--port", str(port)) as server:
        first = server.wait_for(f"http://127.0.0.1:{port}/", timeout=30)
        assert first.startswith(f"Serving {nginx_site} at"), first
        page = fetch(SimpleNamespace(port=port), "/writing/")
        assert page.status == 200 and page.header("Content-Security-Policy")
        assert "first-message" in page.text()
        server.signal(signal.SIGINT)  # Ctrl+C
        assert server.wait(timeout=20) == 0, server.output
        assert "Traceback" not in server.output and "Stopped." in server.output


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_local_nginx_cleans_up_when_stopped_by_a_signal(small_site, tmp_path, sig):
    """SIGTERM (kill, a service manager) and SIGHUP (the terminal closing)
    stop nginx and remove the temporary folder, as Ctrl+C does."""
    from local_nginx import free_port

    temp = tmp_path / "temp"
    temp.mkdir()
    port = free_port()
    with local_nginx(str(small_site), "--port", str(port), env={"TMPDIR": str(temp)}) as server:
        server.wait_for("Ctrl+C stops", timeout=30)
        assert fetch(SimpleNamespace(port=port), "/").status == 200
        assert [p.name[:12] for p in temp.iterdir()] == ["guide-nginx-"]  # nginx's files are there while it runs
        server.signal(sig)
        status = server.wait(timeout=20)
        assert status == 0, server.output
        assert "Traceback" not in server.output and "Stopped." in server.output
        assert not answers(port), "nginx still listens after local_nginx.py stopped"
        assert list(temp.iterdir()) == [], "the temporary folder was left behind"


def test_local_nginx_refuses_a_port_another_program_holds(small_site):
    """Another server on the port must not look like a running nginx."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        result = run_local_nginx(str(small_site), "--port", str(port))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Serving" not in result.stdout
    assert result.stderr.strip() == (f"local_nginx: port {port} is already in use by another program: "
                                     f"stop that program, or choose another port, such as --port {port + 1}")


@pytest.mark.parametrize("port", ["80000", "0", "eighty"])
def test_local_nginx_refuses_a_port_that_does_not_exist(small_site, port):
    result = run_local_nginx(str(small_site), "--port", port)
    assert result.returncode == 2
    assert "argument --port:" in result.stderr and "is not a port number" in result.stderr
    assert "Traceback" not in result.stderr


def test_local_nginx_shows_why_nginx_failed(small_site, tmp_path):
    """When nginx itself fails, its own words are shown, without the date
    and process ids of its log lines."""
    from local_nginx import free_port

    fake = tmp_path / "nginx"
    fake.write_text("#!/bin/sh\necho '2026/12/04 17:44:43 [emerg] 7497#7497: unknown directive \"gzipp\" in "
                    "/etc/guide.conf:3' >&2\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    result = run_local_nginx(str(small_site), "--port", str(free_port()), env={"NGINX": str(fake)})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "local_nginx: nginx did not start with guide-site.conf:",
        '[emerg] unknown directive "gzipp" in /etc/guide.conf:3']


def test_local_nginx_serves_a_folder_whose_path_has_spaces(small_site, tmp_path):
    """The site's folder and nginx's temporary folder both have a space."""
    from local_nginx import LocalNginx

    temp = tmp_path / "temp folder"
    temp.mkdir()
    with LocalNginx(small_site, temp) as server:
        assert "small site" in fetch(server, "/").text()

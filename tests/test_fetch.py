"""Tests for speech.asr.fetch against a real HTTP server on 127.0.0.1.

Nothing here touches the internet: every ModelSource points at a local server
(or a closed local port), and the real pooch/requests code path is exercised.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from speech.asr import fetch
from speech.asr.fetch import ENGLISH_SMALL, FetchError, ModelSource, fetch_model
from speech.asr.vosk_model import is_vosk_model

NAME = "vosk-model-tiny-test-0.1"
MODEL_FILES = {
    f"{NAME}/am/final.mdl": b"acoustic model bytes",
    f"{NAME}/conf/model.conf": b"--min-active=200\n",
    f"{NAME}/conf/mfcc.conf": b"--use-energy=false\n",
    f"{NAME}/graph/HCLr.fst": b"graph bytes",
    f"{NAME}/ivector/final.ie": b"ivector bytes",
    f"{NAME}/README": b"test model\n",
}


def make_zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class LocalServer:
    base_url: str
    files: dict[str, bytes] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy from the environment must not intercept 127.0.0.1 traffic."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def server() -> Iterator[LocalServer]:
    state = LocalServer(base_url="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            body = state.files.get(self.path)
            if body is None:
                self.send_error(404, "Not Found")
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def model_zip() -> bytes:
    return make_zip(MODEL_FILES)


def serve_model(server: LocalServer, data: bytes, sha: str | None = None) -> ModelSource:
    server.files[f"/{NAME}.zip"] = data
    return ModelSource(name=NAME, url=server.url(f"/{NAME}.zip"), sha256=sha or sha256(data))


def closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def assert_one_line(message: str) -> None:
    assert message
    assert "\n" not in message


# --- the pinned English model -------------------------------------------------


def test_english_small_is_pinned() -> None:
    assert ENGLISH_SMALL.url == (
        "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip"
    )
    assert ENGLISH_SMALL.name == "vosk-model-small-en-us-0.15"
    assert re.fullmatch(r"[0-9a-f]{64}", ENGLISH_SMALL.sha256)
    assert ENGLISH_SMALL.sha256 == (
        "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498"
    )


def test_fetch_model_defaults_to_english_small() -> None:
    import inspect

    assert inspect.signature(fetch_model).parameters["source"].default is ENGLISH_SMALL


@pytest.mark.parametrize("bad", ["", "abc", "A" * 64, "g" * 64, "0" * 63, "sha256:" + "0" * 64])
def test_model_source_rejects_malformed_sha256(bad: str) -> None:
    with pytest.raises(ValueError):
        ModelSource(name=NAME, url="http://127.0.0.1/x.zip", sha256=bad)


@pytest.mark.parametrize("bad", ["", "a/b", "../x", ".hidden"])
def test_model_source_rejects_unsafe_name(bad: str) -> None:
    with pytest.raises(ValueError):
        ModelSource(name=bad, url="http://127.0.0.1/x.zip", sha256="0" * 64)


# --- success and caching ------------------------------------------------------


def test_downloads_verifies_and_unpacks(tmp_path: Path, server: LocalServer, model_zip: bytes):
    source = serve_model(server, model_zip)
    dest = tmp_path / "models"

    model = fetch_model(dest, source, progress=False)

    assert model == dest / NAME
    for rel, data in MODEL_FILES.items():
        assert (dest / rel).read_bytes() == data
    assert is_vosk_model(model)
    # Only the model folder is left: no zip, no staging folder, no temp files.
    assert [p.name for p in dest.iterdir()] == [NAME]
    assert server.requests == [f"/{NAME}.zip"]


def test_dest_is_created_private(tmp_path: Path, server: LocalServer, model_zip: bytes):
    source = serve_model(server, model_zip)
    dest = tmp_path / "a" / "b" / "models"
    fetch_model(dest, source, progress=False)
    if os.name == "posix":
        assert (dest.stat().st_mode & 0o777) & ~0o700 == 0


def test_second_call_does_not_download_again(tmp_path: Path, server: LocalServer, model_zip: bytes):
    source = serve_model(server, model_zip)
    first = fetch_model(tmp_path, source, progress=False)
    second = fetch_model(tmp_path, source, progress=False)
    assert first == second
    assert len(server.requests) == 1


def test_existing_model_is_used_offline(tmp_path: Path, model_zip: bytes):
    with zipfile.ZipFile(io.BytesIO(model_zip)) as zf:
        zf.extractall(tmp_path)
    source = ModelSource(
        name=NAME, url=f"http://127.0.0.1:{closed_port()}/m.zip", sha256=sha256(model_zip)
    )
    assert fetch_model(tmp_path, source, progress=False) == tmp_path / NAME


def test_progress_bar_does_not_break_download(
    tmp_path: Path, server: LocalServer, model_zip: bytes, capsys: pytest.CaptureFixture[str]
):
    source = serve_model(server, model_zip)
    model = fetch_model(tmp_path, source, progress=True)
    assert is_vosk_model(model)
    assert "B" in capsys.readouterr().err  # tqdm writes its byte counter to stderr


# --- failures -----------------------------------------------------------------


def test_checksum_mismatch_leaves_nothing_behind(
    tmp_path: Path, server: LocalServer, model_zip: bytes
):
    source = serve_model(server, model_zip, sha=sha256(b"something else"))
    dest = tmp_path / "models"

    with pytest.raises(FetchError) as info:
        fetch_model(dest, source, progress=False)

    message = str(info.value)
    assert_one_line(message)
    assert "checksum" in message
    assert "smallwins models fetch" in message
    assert not (dest / NAME).exists()
    assert list(dest.iterdir()) == []  # partial download deleted too


def test_retry_after_checksum_mismatch_starts_clean(
    tmp_path: Path, server: LocalServer, model_zip: bytes
):
    good = serve_model(server, model_zip)
    bad = ModelSource(name=good.name, url=good.url, sha256=sha256(b"nope"))
    with pytest.raises(FetchError):
        fetch_model(tmp_path, bad, progress=False)
    assert fetch_model(tmp_path, good, progress=False) == tmp_path / NAME
    assert len(server.requests) == 2


def test_connection_refused_says_offline(tmp_path: Path):
    source = ModelSource(name=NAME, url=f"http://127.0.0.1:{closed_port()}/m.zip", sha256="0" * 64)
    dest = tmp_path / "models"

    with pytest.raises(FetchError) as info:
        fetch_model(dest, source, progress=False)

    message = str(info.value)
    assert_one_line(message)
    assert "offline" in message
    assert "Connect to the internet" in message
    assert "smallwins models fetch" in message
    assert str(dest) in message  # tells where a model folder can be copied instead
    assert not (dest / NAME).exists()
    assert list(dest.iterdir()) == []


def test_http_404_is_reported(tmp_path: Path, server: LocalServer):
    source = ModelSource(name=NAME, url=server.url("/missing.zip"), sha256="0" * 64)
    with pytest.raises(FetchError) as info:
        fetch_model(tmp_path, source, progress=False)
    message = str(info.value)
    assert_one_line(message)
    assert "404" in message
    assert server.requests == ["/missing.zip"]
    assert list(tmp_path.iterdir()) == []


def test_server_that_stops_answering_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # A socket that accepts connections but never replies.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    monkeypatch.setattr(fetch, "_TIMEOUT_SECONDS", 0.5)
    source = ModelSource(
        name=NAME, url=f"http://127.0.0.1:{listener.getsockname()[1]}/m.zip", sha256="0" * 64
    )
    try:
        started = time.monotonic()
        with pytest.raises(FetchError) as info:
            fetch_model(tmp_path, source, progress=False)
        assert time.monotonic() - started < 10
    finally:
        listener.close()
    message = str(info.value)
    assert_one_line(message)
    assert "stopped answering" in message
    assert list(tmp_path.iterdir()) == []


def test_zip_without_the_model_folder_is_rejected(tmp_path: Path, server: LocalServer):
    data = make_zip({"something-else/am/final.mdl": b"x"})
    source = serve_model(server, data)
    with pytest.raises(FetchError) as info:
        fetch_model(tmp_path, source, progress=False)
    assert_one_line(str(info.value))
    assert not (tmp_path / NAME).exists()
    assert list(tmp_path.iterdir()) == []


def test_incomplete_model_zip_is_not_installed(tmp_path: Path, server: LocalServer):
    # Right folder name but no acoustic model: must not become a "model".
    data = make_zip({f"{NAME}/conf/model.conf": b"x", f"{NAME}/graph/HCLr.fst": b"x"})
    source = serve_model(server, data)
    with pytest.raises(FetchError):
        fetch_model(tmp_path, source, progress=False)
    assert not (tmp_path / NAME).exists()


def test_existing_incomplete_folder_is_not_trusted_or_deleted(
    tmp_path: Path, server: LocalServer, model_zip: bytes
):
    source = serve_model(server, model_zip)
    half = tmp_path / NAME / "conf"
    half.mkdir(parents=True)
    (half / "model.conf").write_bytes(b"x")

    with pytest.raises(FetchError) as info:
        fetch_model(tmp_path, source, progress=False)

    message = str(info.value)
    assert_one_line(message)
    assert "not a complete speech model" in message
    assert (half / "model.conf").exists()  # the user's files are left alone
    assert server.requests == []


def test_disk_error_is_reported(tmp_path: Path, server: LocalServer, model_zip: bytes):
    source = serve_model(server, model_zip)
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    with pytest.raises(FetchError) as info:
        fetch_model(blocker / "models", source, progress=False)
    message = str(info.value)
    assert_one_line(message)
    assert "Could not save the speech model" in message
    assert server.requests == []


def test_stale_staging_is_cleaned_but_fresh_one_is_kept(
    tmp_path: Path, server: LocalServer, model_zip: bytes
):
    stale = tmp_path / f"{fetch._STAGING_PREFIX}old"
    (stale / "unzipped").mkdir(parents=True)
    old = time.time() - fetch._STALE_SECONDS - 60
    os.utime(stale, (old, old))
    fresh = tmp_path / f"{fetch._STAGING_PREFIX}other-run"
    fresh.mkdir()

    fetch_model(tmp_path, serve_model(server, model_zip), progress=False)

    assert not stale.exists()
    assert fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([NAME, fresh.name])

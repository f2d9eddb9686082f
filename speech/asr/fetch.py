"""Download the Vosk speech model that Small Wins needs to understand speech.

Small Wins runs offline, but the speech model (about 40 MB) is too large to ship
inside the package, so it is fetched once, with ``smallwins models fetch``, and
then used without a network connection.

Why it is written this way:

* The download is checked against a pinned SHA-256 so that a truncated file, a
  captive-portal login page, or a tampered archive is never unpacked and
  loaded as a model.
* Downloading, hash checking and unzipping are done by pooch rather than a
  hand-written downloader, so the tricky parts (temporary files, hash
  comparison, streaming, the progress bar) come from a tested library.
* Everything happens inside a hidden staging folder in ``dest``. Only a complete,
  verified model folder is moved into its final place, in one rename. A power
  cut or a full disk therefore cannot leave a half-unpacked folder that a later
  run would mistake for a real model.
* The people who run this are often caregivers, not programmers. Every failure
  is reported as a :class:`FetchError` carrying one plain sentence that says
  what went wrong and what to do next.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pooch
import requests

from speech.asr.vosk_model import is_vosk_model

__all__ = ["ENGLISH_SMALL", "FetchError", "ModelSource", "fetch_model"]

FETCH_COMMAND = "smallwins models fetch"

# Hidden staging folders start with this prefix. A run that was killed can leave
# one behind; a later run deletes it once it is clearly abandoned (older than
# _STALE_SECONDS, so a second run started in parallel does not pull the rug out
# from under the first). The leading dot keeps it from looking like a model.
_STAGING_PREFIX = ".smallwins-partial-"
_STALE_SECONDS = 6 * 60 * 60

# Seconds to wait for the server to connect or send more data before giving up.
# Per network operation, not for the whole download, so slow links still work.
_TIMEOUT_SECONDS = 30

_SHA256_RE = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class ModelSource:
    """Where a Vosk model zip lives and how to recognise the genuine file.

    ``name`` is the folder at the top of the zip (for example
    ``vosk-model-small-en-us-0.15``); after fetching, the model is ``dest/name``.
    ``sha256`` is the lowercase hex SHA-256 of the zip file itself.
    """

    name: str
    url: str
    sha256: str

    def __post_init__(self) -> None:
        """Reject malformed sources early, so a typo is not reported as a bad download."""
        if not self.name or Path(self.name).name != self.name or self.name.startswith("."):
            raise ValueError(f"model name must be a plain folder name, got {self.name!r}")
        if not _SHA256_RE.fullmatch(self.sha256):
            raise ValueError(f"sha256 must be 64 lowercase hex digits, got {self.sha256!r}")


# SHA-256 of the upstream zip (41,205,931 bytes). The same value is pinned
# independently by the Automotive Grade Linux Yocto layer
# (agl-ic-eg/meta-agl-devel, recipe vosk-model-small-en-us_0.15.bb), the
# kercre123/wirepod-pi-yocto layer, the AUR vosk-api-bin PKGBUILD and the numen
# voice-control install script.
ENGLISH_SMALL = ModelSource(
    name="vosk-model-small-en-us-0.15",
    url="https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip",
    sha256="30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498",
)


class FetchError(Exception):
    """A model could not be downloaded or verified; message says what to do."""


def fetch_model(dest: Path, source: ModelSource = ENGLISH_SMALL, *, progress: bool = True) -> Path:
    """Make sure the model from ``source`` is unpacked in ``dest`` and return its folder.

    If ``dest/<source.name>`` already looks like a model, it is returned at once
    and nothing is downloaded, so the command is safe to run again. Otherwise
    the zip is downloaded (with a progress bar on stderr when ``progress`` is
    true), its SHA-256 is checked, it is unpacked in a hidden staging folder,
    and the model folder is moved to ``dest/<source.name>`` in one step. The zip
    and the staging folder are deleted afterwards, whether or not it worked.

    Raises :class:`FetchError`, with a one-line message meant for a caregiver,
    when the computer is offline, the server refuses, the file fails its
    checksum, or the disk cannot hold it.
    """
    dest = Path(dest).expanduser()
    target = dest / source.name
    if is_vosk_model(target):
        return target
    if target.exists():
        raise FetchError(
            f"The folder {target} exists but is not a complete speech model. "
            f"Delete that folder and run `{FETCH_COMMAND}` again."
        )

    try:
        dest.mkdir(mode=0o700, parents=True, exist_ok=True)
        _remove_stale_staging(dest)
        staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=dest))
    except OSError as exc:
        raise _disk_error(dest, exc) from exc

    try:
        unpacked = _download_and_unpack(source, staging, dest, progress=progress)
        try:
            os.replace(unpacked, target)
        except OSError as exc:
            # Another run may have finished first; its result is just as good.
            if is_vosk_model(target):
                return target
            raise _disk_error(dest, exc) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _download_and_unpack(source: ModelSource, staging: Path, dest: Path, *, progress: bool) -> Path:
    """Download, verify and unzip ``source`` inside ``staging``; return the model folder.

    All library and network exceptions are translated to :class:`FetchError`
    here, so callers only ever see one exception type.
    """
    copy_hint = f"or copy a Vosk model folder into {dest}"
    downloader = pooch.HTTPDownloader(
        progressbar=progress, chunk_size=64 * 1024, timeout=_TIMEOUT_SECONDS
    )
    try:
        with _quiet_pooch():
            pooch.retrieve(
                source.url,
                known_hash=f"sha256:{source.sha256}",
                fname=f"{source.name}.zip",
                path=staging,
                processor=pooch.Unzip(extract_dir="unzipped"),
                downloader=downloader,
                progressbar=progress,
            )
    # requests' exceptions are OSError subclasses, so they must be caught first.
    except requests.exceptions.SSLError as exc:
        raise FetchError(
            "Could not download the speech model: a secure connection to the download "
            "site failed. Check that the computer's date and time are right and that "
            f"the network does not need a login page, then run `{FETCH_COMMAND}` again, "
            f"{copy_hint}."
        ) from exc
    except requests.exceptions.ConnectionError as exc:
        # DNS failure, connection refused, no route, and connect timeouts.
        raise FetchError(
            "Could not download the speech model: this computer seems to be offline. "
            f"Connect to the internet and run `{FETCH_COMMAND}` again, {copy_hint}."
        ) from exc
    except requests.exceptions.Timeout as exc:
        raise FetchError(
            "Could not download the speech model: the download site stopped answering. "
            f"Check the internet connection and run `{FETCH_COMMAND}` again, {copy_hint}."
        ) from exc
    except requests.exceptions.HTTPError as exc:
        raise FetchError(
            "Could not download the speech model: the download site answered with an "
            f"error ({_describe_http_error(exc)}). Try `{FETCH_COMMAND}` again later, "
            f"{copy_hint}."
        ) from exc
    except requests.exceptions.RequestException as exc:
        # For example the connection dropped in the middle of the download.
        raise FetchError(
            "Could not download the speech model: the download was interrupted. "
            f"Run `{FETCH_COMMAND}` again, {copy_hint}."
        ) from exc
    except ValueError as exc:
        # pooch raises ValueError when the SHA-256 differs; it has already
        # deleted the downloaded file, and the staging folder goes too.
        raise FetchError(
            "The downloaded speech model did not pass its safety check (checksum "
            "mismatch) and was deleted. This usually means the download was damaged; "
            f"run `{FETCH_COMMAND}` again, {copy_hint}."
        ) from exc
    except zipfile.BadZipFile as exc:
        raise FetchError(
            "The downloaded speech model could not be unpacked and was deleted. "
            f"Run `{FETCH_COMMAND}` again, {copy_hint}."
        ) from exc
    except OSError as exc:
        raise _disk_error(dest, exc) from exc

    unpacked = staging / "unzipped" / source.name
    if not is_vosk_model(unpacked):
        raise FetchError(
            f"The downloaded file does not contain the speech model {source.name}, so it "
            f"was not installed. Small Wins may need an update; meanwhile {copy_hint}."
        )
    return unpacked


def _disk_error(dest: Path, exc: OSError) -> FetchError:
    """Describe a file-system failure (disk full, no permission) in plain words."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return FetchError(
        f"Could not save the speech model in {dest} ({reason}). Free up disk space or "
        f"check that this folder can be written to, then run `{FETCH_COMMAND}` again."
    )


def _describe_http_error(exc: requests.exceptions.HTTPError) -> str:
    """Turn an HTTPError into a short 'HTTP 404 Not Found' style label."""
    response = exc.response
    if response is None:
        return "HTTP error"
    reason = f" {response.reason}" if response.reason else ""
    return f"HTTP {response.status_code}{reason}"


def _remove_stale_staging(dest: Path) -> None:
    """Delete staging folders left behind by a run that was interrupted long ago."""
    cutoff = time.time() - _STALE_SECONDS
    for leftover in dest.glob(f"{_STAGING_PREFIX}*"):
        with contextlib.suppress(OSError):
            if leftover.is_dir() and leftover.stat().st_mtime < cutoff:
                shutil.rmtree(leftover, ignore_errors=True)


@contextlib.contextmanager
def _quiet_pooch() -> Iterator[None]:
    """Hide pooch's INFO log lines; they show temporary paths that confuse users.

    The progress bar and our own error messages tell the user what happens.
    """
    logger = pooch.get_logger()
    previous = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(previous)

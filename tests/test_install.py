"""The environment the tests run in is exactly requirements.lock: a fresh install is the one
that was tested, transitive packages included."""

from __future__ import annotations

import re
from importlib import metadata

from conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.MULTILINE)
NOT_LOCKED = {"smallwins", "setuptools", "wheel"}
"""The project itself, and what venv puts in every environment to build it."""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_installed_package_is_the_locked_version():
    locked = {canonical(n): v for n, v in PIN.findall((ROOT / "requirements.lock").read_text())}
    installed = {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}
    assert {n: v for n, v in installed.items() if locked.get(n) != v and n not in NOT_LOCKED} == {}
    assert {n: v for n, v in locked.items() if installed.get(n) != v} == {}


def test_every_declared_dependency_is_locked():
    declared = metadata.requires("smallwins") or []
    locked = {canonical(n) for n, _ in PIN.findall((ROOT / "requirements.lock").read_text())}
    names = {canonical(re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0]) for d in declared}
    assert names - locked == set()

"""A real LibreTranslate server on loopback for the machine-translation tests, offline.

LibreTranslate (pinned) lives in its own virtual environment under ``tests/artifacts/``, created
with the project's uv on first use (PyPI only, about a minute; reused afterwards). Its language
models normally come from the Argos index on the internet: ``libretranslate_model.py`` builds
tiny ones instead, into a fresh data directory per test session, and the server runs there on a
free port with model updates off, until ``stop``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

VERSION = "1.9.6"
# onnx builds the sentence-boundary model; dependencies are resolved as of RESOLVED_AT, so every
# checkout installs the same versions.
REQUIREMENTS = (f"libretranslate=={VERSION}", "onnx==1.23.2")
RESOLVED_AT = "2026-11-27T00:00:00Z"
ROOT = Path(__file__).resolve().parents[3]
UV = ROOT / ".tools" / "bin" / "uv"
VENV = ROOT / "tests" / "artifacts" / f"libretranslate-{VERSION}"
BUILDER = Path(__file__).with_name("libretranslate_model.py")
LANGUAGES = ("vi", "en", "lo")


class Unavailable(Exception):
    """Why LibreTranslate cannot run on this machine."""


def free_port() -> int:
    """A loopback port nothing listens on (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list, env: dict[str, str] | None = None) -> None:
    done = subprocess.run(
        [str(part) for part in command], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        output = (done.stderr or done.stdout).strip().splitlines()[-15:]
        raise Unavailable(f"`{' '.join(map(str, command))}` failed:\n" + "\n".join(output))


def ensure_venv() -> Path:
    """LibreTranslate's own Python, installed first unless this exact set already is."""
    python = VENV / "bin" / "python"
    marker = VENV / ".installed"
    wanted = "\n".join([*REQUIREMENTS, RESOLVED_AT])
    if marker.exists() and marker.read_text() == wanted:
        return python
    if not UV.exists():
        raise Unavailable(f"{UV} is missing: run `make install` first")
    shutil.rmtree(VENV, ignore_errors=True)
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    _run([UV, "venv", "--quiet", "--python", sys.executable, VENV], env)
    install = [UV, "pip", "install", "--quiet", "--python", python, "--exclude-newer"]
    _run([*install, RESOLVED_AT, *REQUIREMENTS], env)
    marker.write_text(wanted)
    return python


class LibreTranslateServer:
    """One server with the tiny vi→en and en→lo models, its data in ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.log = directory / "server.log"
        self.process: subprocess.Popen | None = None

    def _environment(self) -> dict[str, str]:
        """Argos and its caches confined to the data directory; a developer's LT_* and ARGOS_*
        settings left out."""
        inherited = {
            key: value for key, value in os.environ.items() if not key.startswith(("LT_", "ARGOS_"))
        }
        return inherited | {
            "ARGOS_PACKAGES_DIR": str(self.directory / "packages"),
            "XDG_DATA_HOME": str(self.directory / "share"),
            "XDG_CONFIG_HOME": str(self.directory / "config"),
            "XDG_CACHE_HOME": str(self.directory / "cache"),
        }

    def start(self, timeout: float = 60) -> str:
        """Install LibreTranslate if needed, build the models, start; the server's URL once
        ``/languages`` lists every language. Raises ``Unavailable`` with the reason."""
        python = ensure_venv()
        env = self._environment()
        _run([python, BUILDER], env)
        url = f"http://127.0.0.1:{free_port()}"
        command = [
            python.parent / "libretranslate",
            *("--host", "127.0.0.1", "--port", url.rsplit(":", 1)[1]),
            *("--load-only", ",".join(LANGUAGES)),
            *("--disable-web-ui", "--disable-files-translation"),
        ]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [str(part) for part in command], env=env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise Unavailable(f"LibreTranslate exited:\n{self._log_tail()}")
            try:
                codes = {language["code"] for language in self._get(url + "/languages")}
            except requests.RequestException:
                time.sleep(0.2)
                continue
            if codes >= set(LANGUAGES):
                return url
            self.stop()
            raise Unavailable(f"LibreTranslate loaded {sorted(codes)}, not {LANGUAGES}")
        self.stop()
        raise Unavailable(f"LibreTranslate did not answer in {timeout:.0f} s:\n{self._log_tail()}")

    @staticmethod
    def _get(url: str) -> list[dict]:
        response = requests.get(url, timeout=2)
        response.raise_for_status()
        return response.json()

    def _log_tail(self) -> str:
        return "\n".join(self.log.read_text().strip().splitlines()[-15:])

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

"""A minimal W3C WebDriver client for headless Chromium (Debian's chromium and chromium-driver).

WebDriver is plain HTTP and JSON, so the standard library is enough: no Selenium (and its
network and async dependencies) for the few commands the report's tests and screenshots need.

    with Browser.start() as browser:
        browser.get("file:///tmp/report.html")
        browser.execute("return document.title")
"""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C key of an element reference


class WebDriverError(Exception):
    """A command the driver refused; `error` is the W3C error code (e.g. `no such alert`)."""

    def __init__(self, error: str, message: str) -> None:
        super().__init__(f"{error}: {message}")
        self.error = error


def find_binaries() -> tuple[str, str] | None:
    """(browser, driver) paths, or None when either is missing."""
    browser = next((b for b in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if b), None)
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    def __init__(self, driver: subprocess.Popen, port: int, session: str, profile: tempfile.TemporaryDirectory) -> None:
        self.driver, self.port, self.session, self.profile = driver, port, session, profile

    @classmethod
    def start(cls, width: int = 1280, height: int = 800) -> Browser:
        found = find_binaries()
        if found is None:
            raise RuntimeError("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
        browser, driver = found
        port = _free_port()
        proc = subprocess.Popen([driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        profile = tempfile.TemporaryDirectory(prefix="copylint-chromium-")
        deadline = time.monotonic() + 20
        while True:
            try:
                _request("GET", f"http://127.0.0.1:{port}/status")
                break
            except (OSError, WebDriverError):
                if time.monotonic() > deadline or proc.poll() is not None:
                    proc.kill()
                    raise RuntimeError("chromedriver did not start") from None
                time.sleep(0.1)
        args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                f"--window-size={width},{height}", f"--user-data-dir={profile.name}"]
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome",
                                                 "goog:chromeOptions": {"binary": browser, "args": args}}}}
        try:
            value = _request("POST", f"http://127.0.0.1:{port}/session", caps)
        except Exception:
            proc.kill()
            profile.cleanup()
            raise
        return cls(proc, port, value["sessionId"], profile)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.quit()

    def _cmd(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        return _request(method, f"http://127.0.0.1:{self.port}/session/{self.session}{path}", body)

    def viewport(self, width: int, height: int) -> None:
        """Make the page's viewport exactly width × height CSS pixels (screenshots are that size);
        the window size also counts the browser's own frame, even headless."""
        self._cmd("POST", "/goog/cdp/execute", {"cmd": "Emulation.setDeviceMetricsOverride",
                                                  "params": {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}})

    def get(self, url: str) -> None:
        self._cmd("POST", "/url", {"url": url})

    def execute(self, script: str, *args: Any) -> Any:
        return self._cmd("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css: str) -> dict[str, str]:
        return self._cmd("POST", "/element", {"using": "css selector", "value": css})

    def click(self, element: dict[str, str]) -> None:
        self._cmd("POST", f"/element/{element[ELEMENT]}/click", {})

    def type(self, element: dict[str, str], text: str) -> None:
        self._cmd("POST", f"/element/{element[ELEMENT]}/value", {"text": text})

    def alert_text(self) -> str | None:
        """The text of an open alert, confirm or prompt dialog, or None when there is none."""
        try:
            return self._cmd("GET", "/alert/text")
        except WebDriverError as exc:
            if exc.error == "no such alert":
                return None
            raise

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self._cmd("GET", "/screenshot")))

    def wait_for(self, script: str, timeout: float = 10.0) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = self.execute(script)
            if value or time.monotonic() > deadline:
                return value
            time.sleep(0.05)

    def quit(self) -> None:
        try:
            self._cmd("DELETE", "")
        except (OSError, WebDriverError):
            pass
        self.driver.terminate()
        try:
            self.driver.wait(5)
        except subprocess.TimeoutExpired:
            self.driver.kill()
        self.profile.cleanup()


def _request(method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            payload = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        payload = json.loads(exc.read() or b"{}")
    value = payload.get("value")
    if isinstance(value, dict) and "error" in value:
        raise WebDriverError(value["error"], value.get("message", ""))
    return value

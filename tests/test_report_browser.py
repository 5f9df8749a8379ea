"""The HTML report in a real browser: headless Chromium from the operating system's packages, driven
over its DevTools pipe with the standard library only.

For the example and for a generated model of 200 offerings, the page loads without a console error
and without any network request, shows the key figures (coverage, X3 per category, the top gap) in
its rendered text, draws its pictures, prints on A4 to a sane number of pages, and leaves a
screenshot of its first screen under the test's temporary folder.

Chromium is required, not optional: ``apt-get install -y chromium`` (CI's ``.ci/run`` installs it).
"""

from __future__ import annotations

import base64
import json
import os
import re
import select
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from valuering import (
    PMO,
    coverage,
    examples,
    maturity_by_category,
    maturity_gaps,
    report,
)
from valuering._tables import percent
from valuering.testing.models import large_pmo

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)
INSTALL = (
    "headless Chromium is needed for the browser test of the HTML report; install it with "
    "`apt-get install -y chromium` (as root; CI's .ci/run does this)"
)


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail(INSTALL, pytrace=False)
    return found


class Browser:
    """One Chromium process and one page, spoken to over the DevTools pipe (file descriptors 3
    and 4 of the child, messages separated by NUL bytes)."""

    def __init__(self, folder: Path) -> None:
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()

        def pipes_on_3_and_4() -> None:  # in the child, before Chromium starts
            high_read, high_write = os.dup2(commands_read, 100), os.dup2(replies_write, 101)
            os.dup2(high_read, 3)
            os.dup2(high_write, 4)

        self._process = subprocess.Popen(
            [_chromium(), *FLAGS, f"--user-data-dir={folder / 'profile'}", "about:blank"],
            preexec_fn=pipes_on_3_and_4,
            close_fds=False,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_read)
        os.close(replies_write)
        self._buffer = b""
        self._last_id = 0
        self.events: list[dict[str, Any]] = []
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t["targetId"] for t in targets if t["type"] == "page")
        self._session = self.call("Target.attachToTarget", targetId=page, flatten=True)["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=True)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session=True,
            width=1200,
            height=1600,
            deviceScaleFactor=1,
            mobile=False,
        )

    def _send(self, method: str, params: dict[str, Any], session: bool) -> int:
        self._last_id += 1
        message: dict[str, Any] = {"id": self._last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        return self._last_id

    def _until(self, done: Callable[[dict[str, Any]], bool], timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message: dict[str, Any] = json.loads(raw)
                self.events.append(message)
                if done(message):
                    return message
            ready, _, _ = select.select([self._replies], [], [], deadline - time.monotonic())
            if not ready:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise EOFError("Chromium closed the DevTools pipe")
            self._buffer += chunk

    def call(self, method: str, *, session: bool = False, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer."""
        ident = self._send(method, params, session)
        answer = self._until(lambda m: m.get("id") == ident)
        assert "error" not in answer, answer
        result: dict[str, Any] = answer["result"]
        return result

    def open(self, url: str) -> None:
        """Load ``url`` and wait for its load event."""
        self._send("Page.navigate", {"url": url}, True)
        self._until(lambda m: m.get("method") == "Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (the test's probe, not the page's)."""
        result = self.call(
            "Runtime.evaluate", session=True, expression=expression, returnByValue=True
        )
        return result["result"]["value"]

    def close(self) -> None:
        try:
            self._send("Browser.close", {}, False)
            self._process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        finally:
            os.close(self._commands)
            os.close(self._replies)


MODELS: dict[str, Callable[[], PMO]] = {
    "example": lambda: examples.load("northwind-energy"),
    "200-offerings": lambda: large_pmo(200, customers=40, indicators=12, seed=2026),
}
PAGES = {"example": (12, 30), "200-offerings": (12, 80)}  # a sane range of A4 pages
PICTURES = {"example": 6, "200-offerings": 5}  # no dependency picture above 60 offerings


@pytest.mark.parametrize("name", MODELS)
def test_the_report_in_a_real_browser(name: str, tmp_path: Path) -> None:
    pmo = MODELS[name]()
    page = tmp_path / "report.html"
    page.write_text(report.to_html(pmo), encoding="utf-8")
    browser = Browser(tmp_path)
    try:
        browser.open(page.as_uri())
        text: str = browser.evaluate("document.body.innerText")
        drawn: int = browser.evaluate(
            "[...document.querySelectorAll('figure svg')]"
            ".filter(s => s.getBoundingClientRect().width > 300).length"
        )
        pdf = base64.b64decode(
            browser.call("Page.printToPDF", session=True, preferCSSPageSize=True)["data"]
        )
        shot = base64.b64decode(
            browser.call("Page.captureScreenshot", session=True, format="png")["data"]
        )
    finally:
        browser.close()
    (tmp_path / "report.pdf").write_bytes(pdf)
    (tmp_path / "first-page.png").write_bytes(shot)

    requests = [
        e["params"]["request"]["url"]
        for e in browser.events
        if e.get("method") == "Network.requestWillBeSent"
    ]
    assert requests == [page.as_uri()]  # the page itself, nothing else
    errors = [
        e
        for e in browser.events
        if e.get("method") in ("Runtime.exceptionThrown", "Runtime.consoleAPICalled")
        or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
    ]
    assert errors == []

    # The key figures, computed through the API, are in the text the browser shows.
    cover = percent(coverage(pmo).total)
    assert f"Coverage of the weighted demand\t{cover}" in text
    for category in maturity_by_category(pmo).categories:
        shown = percent(None if category.percent is None else category.percent / 100)
        assert f"{category.category.value.capitalize()} maturity (X3)\t{shown}" in text
    top = maturity_gaps(pmo).open()[0]
    assert (
        f"Top gap\t{pmo.offering(top.offering).name} ({top.offering}): level {top.maturity} → {top.target}"
        in (text)
    )

    assert drawn == PICTURES[name]
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    low, high = PAGES[name]
    assert low <= pages <= high, f"{pages} pages"
    assert shot.startswith(b"\x89PNG")
    assert len(shot) > 10_000


def test_a_missing_chromium_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(pytest.fail.Exception, match=r"apt-get install -y chromium"):
        _chromium()

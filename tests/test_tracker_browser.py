"""The dashboard and the review site in headless Chromium (Debian's `chromium`), driven through the
DevTools protocol over a pipe (--remote-debugging-pipe: no port, no websocket library): pages load
with no console errors or exceptions, and typing in the review index's search box filters its rows.

Chromium is installed by .ci/run (apt-get install -y chromium); without it these tests skip."""

import base64
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_review import make_record, write_out

from extractor.cli import cli

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
INSTALL_HINT = "chromium not installed: apt-get update && apt-get install -y chromium (.ci/run does this)"


class Browser:
    """A headless Chromium and one page, spoken to with DevTools protocol messages (JSON, NUL-ended)."""

    def __init__(self, profile: Path):
        to_child_r, self._w = os.pipe()
        self._r, from_child_w = os.pipe()

        def fds():  # in the child: the pipe ends at 3 (Chromium reads) and 4 (it writes), inheritable
            import fcntl

            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child_r, from_child_w)]
            for fd, target in zip(high, (3, 4)):
                os.dup2(fd, target)
                os.set_inheritable(target, True)

        self.proc = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-pipe",
                f"--user-data-dir={profile}",
                "--window-size=1280,900",
                "about:blank",
            ],
            preexec_fn=fds,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf, self._id, self.events, self.session = b"", 0, [], None
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._r], [], [], left)[0]:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._r, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method: str, timeout: float = 30, **params):
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            msg["sessionId"] = self.session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        for i, ev in enumerate(self.events):
            if ev.get("method") == method:
                return self.events.pop(i)
        while True:
            ev = self._read(deadline)
            if ev.get("method") == method:
                return ev
            self.events.append(ev)

    def open(self, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def js(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def errors(self) -> list:
        """Console errors, uncaught exceptions and failed loads seen since the page was opened."""
        self.js("1")  # let pending events arrive
        bad = []
        for ev in self.events:
            m, p = ev.get("method"), ev.get("params", {})
            if m == "Runtime.exceptionThrown":
                bad.append(p["exceptionDetails"].get("text"))
            elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                bad.append(p.get("args"))
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                bad.append(p["entry"].get("text"))
        return bad

    def screenshot(self, path: Path) -> None:
        height = self.js("document.documentElement.scrollHeight")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=1280,
            height=min(int(height), 2400),
            deviceScaleFactor=1,
            mobile=False,
        )
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._r)
        os.close(self._w)


@pytest.fixture
def browser(tmp_path):
    if not CHROMIUM:
        pytest.skip(INSTALL_HINT)
    b = Browser(tmp_path / "profile")
    yield b
    b.close()


def site(tmp_path) -> Path:
    second = make_record("b.txt")
    second["document"]["title"] = "Harbour cranes order"
    second["companies"] = [second["companies"][1]]
    second["commitments"] = [second["commitments"][1]]
    out = write_out(tmp_path / "out", {"news/a.txt": make_record("news/a.txt"), "b.txt": second})
    (out / ".extractor" / "errors.jsonl").write_text(
        '{"file": "broken.pdf", "stage": "read", "error_type": "corrupt", "message": "bad xref"}\n'
    )
    r = CliRunner().invoke(cli, ["report", str(out), "--html", str(tmp_path / "site")], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return tmp_path / "site"


def test_dashboard_and_review_pages_have_no_console_errors(browser, tmp_path):
    root = site(tmp_path)
    for page in ("index.html", "review/index.html", "review/pages/news/a.txt.html", "review/pages/b.txt.html"):
        browser.open((root / page).resolve().as_uri())
        assert browser.errors() == [], page
    browser.open((root / "index.html").resolve().as_uri())
    assert browser.js("document.querySelectorAll('svg rect.bar').length") > 0
    shot = tmp_path / "dashboard.png"
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # a figure leads to the review page's row of the commitment, which holds the sentence
    href = browser.js("document.querySelector('#largest tbody a').href")
    browser.open(href)
    assert browser.js("location.hash").startswith("#row-commitment-")
    assert browser.js("document.querySelector(location.hash).querySelector('td.s').textContent")


def test_search_box_filters_the_review_index(browser, tmp_path):
    root = site(tmp_path)
    browser.open((root / "review" / "index.html").resolve().as_uri())
    visible = (
        "Array.from(document.querySelectorAll('#documents tbody tr')).filter(r => !r.hidden)"
        ".map(r => r.cells[0].textContent)"
    )
    assert browser.js("document.getElementById('filters').hidden") is False  # the script showed the form
    assert browser.js(visible) == ["b.txt", "news/a.txt"]  # path order
    browser.js("document.getElementById('q').focus()")
    browser.call("Input.insertText", text="harbour")
    assert browser.js(visible) == ["b.txt"]
    assert browser.js("document.getElementById('shown').textContent") == "1 of 2 shown"
    for _ in "harbour":
        browser.call(
            "Input.dispatchKeyEvent", type="keyDown", key="Backspace", code="Backspace", windowsVirtualKeyCode=8
        )
        browser.call("Input.dispatchKeyEvent", type="keyUp", key="Backspace", code="Backspace", windowsVirtualKeyCode=8)
    assert browser.js(visible) == ["b.txt", "news/a.txt"]
    browser.call("Input.insertText", text="softbank")  # a company
    assert browser.js(visible) == ["news/a.txt"]
    browser.js(
        "document.getElementById('q').value = ''; document.getElementById('q')"
        ".dispatchEvent(new Event('input', {bubbles: true}))"
    )
    browser.js(
        "var s = document.getElementById('f-sector'); s.value = 'shipbuilding';"
        "s.dispatchEvent(new Event('input', {bubbles: true}))"
    )
    assert browser.js(visible) == ["b.txt", "news/a.txt"]  # both name shipyards
    browser.js(
        "var s = document.getElementById('f-company'); s.value = 'SoftBank Group';"
        "s.dispatchEvent(new Event('input', {bubbles: true}))"
    )
    assert browser.js(visible) == ["news/a.txt"]
    # sorting by a column: the title, then commitments twice for descending
    order = "Array.from(document.querySelectorAll('#documents tbody tr')).map(r => r.cells[0].textContent)"
    browser.js("document.querySelector('#documents thead th[data-col=\"1\"] button').click()")
    assert browser.js(order) == ["news/a.txt", "b.txt"]
    browser.js("document.querySelector('#documents thead th[data-col=\"10\"] button').click()")
    assert browser.js(order) == ["b.txt", "news/a.txt"]
    browser.js("document.querySelector('#documents thead th[data-col=\"10\"] button').click()")
    assert browser.js(order) == ["news/a.txt", "b.txt"]
    assert "broken.pdf" in browser.js("document.getElementById('failed').textContent")
    assert browser.errors() == []

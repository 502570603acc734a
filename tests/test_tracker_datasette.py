"""The collected database opens in Datasette: start it on 127.0.0.1 and read a table through its JSON API."""

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from extractor.tracker.collect import collect

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _datasette() -> list[str]:
    exe = Path(sys.executable).with_name("datasette")
    if exe.exists():
        return [str(exe)]
    if shutil.which("datasette"):
        return [shutil.which("datasette")]
    pytest.skip("datasette is not installed: pip install -e '.[dev]' (it is pinned in the dev extra)")


def test_database_opens_in_datasette(tmp_path):
    from test_review import make_record, write_out

    command = _datasette()
    out = write_out(tmp_path / "out", {"a.txt": make_record("a.txt"), "b.txt": make_record("b.txt")})
    db = tmp_path / "deals.sqlite"
    collect(out, db)
    port = _free_port()
    proc = subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", str(port), str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}/deals/commitments.json?_shape=array&_sort=id"
        deadline, last = time.monotonic() + 60, None
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"datasette exited: {proc.stdout.read().decode(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    rows = json.loads(r.read().decode("utf-8"))
                break
            except OSError as e:
                last = e
                time.sleep(0.3)
        else:
            pytest.fail(f"datasette did not answer within 60 s: {last}")
        assert [r["id"] for r in rows] == [
            "a.txt#commitment-0",
            "a.txt#commitment-1",
            "b.txt#commitment-0",
            "b.txt#commitment-1",
        ]
        assert rows[0]["amount_text"] == "$5 billion" and rows[0]["document_id"] == "a.txt"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/deals/deals.json?_shape=array", timeout=5) as r:
            deals = json.loads(r.read().decode("utf-8"))
        assert sorted(d["sources"] for d in deals) == [2, 2]  # the same two commitments in both documents
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

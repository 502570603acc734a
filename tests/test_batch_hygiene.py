"""Bounded memory, security and hygiene, structure: worker memory capped (--max-memory), names
escaped on stderr, options validated, the batch package small and free of test code."""

import os

import pytest
from pydantic import ValidationError
from test_batch_support import ROOT, errors, make_archive, records, run_cli

from extractor.batch import RunOptions


def test_a_document_past_max_memory_fails_as_too_large(tmp_path):
    src, out = make_archive(tmp_path / "in", 2), tmp_path / "out"
    r = run_cli(
        "extract", src, out, "-j", "1", "--max-memory", "1024", fault={"kind": "hog", "name": "doc2.txt", "mb": 4096}
    )  # 4 GB at once, over the 1 GB cap
    assert r.returncode == 1, r.stderr
    assert [(e["file"], e["error_type"]) for e in errors(out)] == [("doc2.txt", "too_large")]
    assert "--max-memory 1024 MB" in errors(out)[0]["message"]
    assert records(out) == {"doc1.txt"}


def test_worker_memory_limit_is_set_in_the_worker_only(tmp_path):
    """RLIMIT_AS is set by the worker initializer, not in the main process."""
    import resource

    from extractor.batch.worker import limit_memory

    before = resource.getrlimit(resource.RLIMIT_AS)
    pid = os.fork()
    if pid == 0:
        limit_memory(512)
        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
        try:
            bytearray(2 << 30)
            os._exit(1)
        except MemoryError:
            os._exit(0 if soft != resource.RLIM_INFINITY else 2)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_names_with_newlines_and_escapes_are_escaped_on_stderr(tmp_path):
    src, out = make_archive(tmp_path / "in", 1), tmp_path / "out"
    evil = "evil\n\x1b[31mred\x07.txt"
    (src / evil).write_bytes(b"")  # empty: fails, so it is named on stderr
    (src / "ok\x1b[2J.txt").write_text("Acme Corp will invest $5 billion in Texas.\n", encoding="utf-8")
    r = run_cli("extract", src, out, "-j", "1", "-v")
    assert r.returncode == 1
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr
    assert "FAILED  evil\\n\\x1b[31mred\\x07.txt: empty:" in r.stderr
    assert "ok      ok\\x1b[2J.txt" in r.stderr
    assert errors(out)[0]["file"] == evil  # the log holds the real name, JSON-escaped
    assert "\\u001b" in (out / ".extractor" / "errors.jsonl").read_text(encoding="utf-8")


def test_shown_escapes():
    from extractor.batch.output import shown

    assert shown("a b/é.txt") == "a b/é.txt"
    assert shown("a\tb\rc\u2028d\u200be") == "a\\tb\\rc\\u2028d\\u200be"
    assert shown(os.fsdecode(b"x\xff")) == "x\\xff"


@pytest.mark.parametrize(
    "bad", [{"jobs": 0}, {"max_memory": 10}, {"timeout": -1}, {"timeout": 0}, {"checkpoint_every": 0}, {"unknown": 1}]
)
def test_options_are_validated(tmp_path, bad):
    with pytest.raises(ValidationError):
        RunOptions(in_dir=tmp_path, out_dir=tmp_path / "o", **bad)


def test_options_defaults(tmp_path):
    o = RunOptions(in_dir=tmp_path, out_dir=tmp_path / "o")
    assert (o.jobs, o.timeout, o.max_memory, o.force, o.prune) == (1, None, 2048, False, False)
    with pytest.raises(ValidationError):
        o.jobs = 3  # frozen


def test_batch_modules_are_small_and_hold_no_test_code():
    package = ROOT / "extractor" / "batch"
    files = [*package.glob("*.py"), ROOT / "extractor" / "runner.py", ROOT / "extractor" / "cli.py"]
    assert len(files) >= 8
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 300, path
        assert "EXTRACTOR_FAULT" not in text and "_inject_fault" not in text and "os._exit(3)" not in text, path


def test_runner_stays_importable_with_the_old_call_shape(tmp_path):
    from extractor.config import ExtractConfig
    from extractor.runner import RESERVED, RunError, discover, run

    src = make_archive(tmp_path / "in", 2)
    found, problems = discover(src)
    assert [rel for rel, _ in found] == ["doc1.txt", "doc2.txt"] and problems == []
    summary = run(src, tmp_path / "out", ExtractConfig(), jobs=1, handle_signals=False)
    assert summary.processed == 2 and summary.exit_code == 0
    assert {"manifest.json", "state.json"} <= RESERVED
    with pytest.raises(RunError):
        run(tmp_path / "missing", tmp_path / "out2", ExtractConfig())


def test_error_types_in_the_log_are_documented(tmp_path):
    from extractor.batch.errors import ERROR_TYPES

    src, out = make_archive(tmp_path / "in", 1), tmp_path / "out"
    os.symlink("nowhere", src / "d.txt")
    os.mkfifo(src / "p.txt")
    run_cli("extract", src, out, "-j", "1")
    assert {e["error_type"] for e in errors(out)} <= set(ERROR_TYPES)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for t in ("not_regular_file", "symlink_loop", "dangling_symlink", "name_too_long", "output_conflict", "vanished"):
        assert t in readme, t


def pdf_bomb(inflated: int = 1 << 30) -> bytes:
    """A one-page PDF whose content stream inflates to `inflated` bytes (about 6 MB on disk per GB)."""
    import zlib

    chunk = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" * 30000
    co = zlib.compressobj(1)
    stream = b"".join([co.compress(chunk) for _ in range(inflated // len(chunk))] + [co.flush()])
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


@pytest.mark.slow
def test_a_pdf_bomb_fails_as_too_large_not_by_the_oom_killer(tmp_path):
    src, out = make_archive(tmp_path / "in", 1), tmp_path / "out"
    (src / "bomb.pdf").write_bytes(pdf_bomb(1 << 30))
    r = run_cli("extract", src, out, "-j", "1", "--max-memory", "512", timeout=300)
    assert r.returncode == 1, r.stderr
    assert [(e["file"], e["error_type"]) for e in errors(out)] == [("bomb.pdf", "too_large")]
    assert records(out) == {"doc1.txt"}

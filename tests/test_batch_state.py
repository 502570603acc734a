"""Work lost or silently wrong: run files apart from the records, a validated state, records
verified before a skip, orphans found without the state, nothing deleted or written outside OUT,
the state's hash taken from the bytes the worker read, temp files of killed writes removed."""

import hashlib
import json
import os
import shutil

import pytest
from test_batch_support import DOC, make_archive, manifest, records, run_cli, state


def extract(src, out, *extra, **kw):
    return run_cli("extract", src, out, "-j", "1", *extra, **kw)


@pytest.fixture
def done(tmp_path):
    """IN with two documents and OUT after a first run."""
    src, out = make_archive(tmp_path / "in", 2), tmp_path / "out"
    r = extract(src, out)
    assert r.returncode == 0, r.stderr
    return src, out


def test_run_files_live_under_dot_extractor_and_an_input_named_manifest_keeps_its_record(tmp_path):
    src, out = make_archive(tmp_path / "in", 1), tmp_path / "out"
    (src / "manifest").write_text("Acme Corp will invest $3 billion in Texas.\n", encoding="utf-8")
    (src / "errors.jsonl").write_text("Acme Corp will invest $4 billion in Ohio.\n", encoding="utf-8")
    (src / "lock").write_text("Acme Corp will invest $6 billion in Iowa.\n", encoding="utf-8")
    r = extract(src, out)
    assert r.returncode == 0  # errors.jsonl has no reader: skipped and counted (unsupported); the others are records
    assert records(out) == {"doc1.txt", "manifest", "lock"}
    rec = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert rec["document"]["source"] == "manifest" and rec["amounts"][0]["value"] == 3_000_000_000
    assert sorted(p.name for p in (out / ".extractor").iterdir()) == [
        "errors.jsonl",
        "lock",
        "manifest.json",
        "state.json",
    ]
    assert manifest(out)["counts"]["inputs"] == 3 and manifest(out)["unsupported"] == ["errors.jsonl"]
    assert sorted(p.name for p in out.iterdir()) == [".extractor", "doc1.txt.json", "lock.json", "manifest.json"]


def test_old_layout_is_migrated_once(done):
    src, out = done
    run_dir = out / ".extractor"
    (run_dir / "state.json").rename(out / ".extractor-state.json")
    (run_dir / "manifest.json").rename(out / "manifest.json")
    (run_dir / "errors.jsonl").rename(out / "errors.jsonl")
    (out / ".extractor.lock").write_text("")
    shutil.rmtree(run_dir)
    r = extract(src, out)
    assert r.returncode == 0 and "0 extracted, 2 unchanged" in r.stderr, r.stderr  # the old state was read
    for old in (".extractor-state.json", "manifest.json", "errors.jsonl", ".extractor.lock"):
        assert not (out / old).exists(), old
    assert set(state(out)["documents"]) == {"doc1.txt", "doc2.txt"}


def test_truncated_record_is_redone(done):
    src, out = done
    rec = out / "doc1.txt.json"
    rec.write_bytes(rec.read_bytes()[:100])
    r = extract(src, out)
    assert "1 extracted, 1 unchanged" in r.stderr
    json.loads(rec.read_text(encoding="utf-8"))


def test_record_of_other_bytes_is_redone(done):
    """A record swapped in from another document (its document.id is not the state's hash)."""
    src, out = done
    shutil.copy(out / "doc2.txt.json", out / "doc1.txt.json")
    r = extract(src, out)
    assert "1 extracted, 1 unchanged" in r.stderr
    assert json.loads((out / "doc1.txt.json").read_text())["document"]["source"] == "doc1.txt"


@pytest.mark.slow
@pytest.mark.parametrize(
    "content",
    [
        "[]",
        "null",
        '"x"',
        '{"key": 1, "documents": []}',
        "{not json",
        '{"key": "k", "documents": {"doc1.txt": {"sha256": 5}}}',
        "\xff",
    ],
)
def test_state_of_the_wrong_shape_reprocesses_everything(done, content):
    src, out = done
    (out / ".extractor" / "state.json").write_text(content, encoding="utf-8", errors="surrogateescape")
    r = extract(src, out)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert "2 extracted, 0 unchanged" in r.stderr
    assert set(state(out)["documents"]) == {"doc1.txt", "doc2.txt"}


def test_tampered_state_cannot_delete_outside_out(done, tmp_path):
    src, out = done
    victim = tmp_path / "victim.json"
    victim.write_text(json.dumps({"document": {"source": "../victim"}}))
    s = state(out)
    s["documents"]["../victim"] = {"sha256": "0" * 64}
    s["documents"]["/etc/passwd"] = {"sha256": "0" * 64}
    (out / ".extractor" / "state.json").write_text(json.dumps(s))
    r = extract(src, out, "--prune")
    assert r.returncode == 0, r.stderr
    assert victim.exists()
    assert "0 extracted, 2 unchanged" in r.stderr  # the rest of the state still counts


def test_orphans_are_found_without_a_state_entry_and_pruned_only_when_records(done):
    src, out = done
    (src / "doc2.txt").unlink()
    (out / ".extractor" / "state.json").unlink()  # as after a run killed before its first checkpoint
    (out / "notes.json").write_text('{"mine": true}')  # not a record: never touched
    (out / "other.txt.json").write_text(json.dumps({"document": {"source": "elsewhere.txt"}}))
    r = extract(src, out)
    assert r.returncode == 0 and "1 orphaned" in r.stderr, r.stderr
    assert manifest(out)["orphaned"] == ["doc2.txt"]
    r = extract(src, out, "--prune")
    assert "1 pruned" in r.stderr and not (out / "doc2.txt.json").exists()
    assert (out / "notes.json").exists() and (out / "other.txt.json").exists()


def test_state_hash_is_of_the_bytes_the_worker_read(tmp_path):
    src, out = make_archive(tmp_path / "in", 2), tmp_path / "out"
    new_text = DOC.replace("{n}", "77")
    r = extract(
        src, out, fault={"kind": "rewrite", "name": "doc2.txt", "path": str(src / "doc2.txt"), "text": new_text}
    )
    assert r.returncode == 0, r.stderr
    rec = json.loads((out / "doc2.txt.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256(new_text.encode()).hexdigest()
    assert rec["document"]["id"] == digest == state(out)["documents"]["doc2.txt"]["sha256"]
    assert rec["amounts"][0]["value"] == 77_000_000_000
    assert "0 extracted, 2 unchanged" in extract(src, out).stderr


def test_temp_files_of_killed_writes_are_removed_inside_out_only(done, tmp_path):
    src, out = done
    (out / "sub").mkdir()
    leftovers = [out / ".tmp-abc.part", out / "sub" / ".tmp-x1.part", out / ".extractor" / ".tmp-s.part"]
    for p in leftovers:
        p.write_text("half")
    outside = tmp_path / ".tmp-keep.part"
    outside.write_text("not ours")
    (out / ".tmp-dir.part").mkdir()  # a folder of that name is not a temp file
    r = extract(src, out)
    assert r.returncode == 0
    assert not any(p.exists() for p in leftovers)
    assert outside.exists() and (out / ".tmp-dir.part").is_dir()


def test_a_symlink_in_out_leading_outside_is_not_written_through(tmp_path):
    src, out = make_archive(tmp_path / "in", 1), tmp_path / "out"
    (src / "sub").mkdir()
    (src / "sub" / "x.txt").write_text(DOC.replace("{n}", "2"), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "sub").symlink_to(elsewhere)
    r = extract(src, out)
    assert r.returncode == 1
    assert not list(elsewhere.iterdir())
    assert json.loads((out / ".extractor" / "errors.jsonl").read_text())["error_type"] == "output_conflict"


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("capsh"), reason="root needs capsh to drop DAC")
def test_records_under_an_unreadable_folder_are_not_orphans_and_never_pruned(tmp_path):
    import subprocess

    from test_batch_support import cli_command

    src, out = make_archive(tmp_path / "in", 1), tmp_path / "out"
    (src / "locked").mkdir()
    (src / "locked" / "x.txt").write_text(DOC.replace("{n}", "2"), encoding="utf-8")
    assert extract(src, out).returncode == 0
    (src / "locked").chmod(0)
    try:
        cmd = cli_command("extract", src, out, "-j", "1", "--prune")
        if os.geteuid() == 0:  # root reads anything: drop the capabilities that bypass permissions
            cmd = ["capsh", "--drop=cap_dac_override,cap_dac_read_search", "--", "-c", 'exec "$0" "$@"', *cmd]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    finally:
        (src / "locked").chmod(0o755)
    assert r.returncode == 1 and "FAILED  locked/: unreadable" in r.stderr, r.stderr
    assert (out / "locked" / "x.txt.json").exists() and "pruned" not in r.stderr
    assert "locked/x.txt" in state(out)["documents"]  # kept: readable again, it is not redone
    assert "0 extracted, 2 unchanged" in extract(src, out).stderr

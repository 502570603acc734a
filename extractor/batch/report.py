"""What a run leaves besides the records: OUT/.extractor/errors.jsonl, state.json, manifest.json."""

from __future__ import annotations

import json
import signal
from pathlib import Path

from extractor import __version__
from extractor.batch import output
from extractor.batch.errors import OutputFull
from extractor.batch.output import ERROR_LOG, LEGACY, MANIFEST
from extractor.batch.state import save_state
from extractor.serialize import dumps


def manifest(options, summary, key: dict, inputs: int, durations: dict) -> dict:
    sig = {signal.SIGINT: "SIGINT", signal.SIGTERM: "SIGTERM"}.get(summary.interrupted, summary.interrupted)
    return {
        "extractor_version": __version__,
        "run_key": key,
        "counts": {
            "inputs": inputs,
            "processed": summary.processed,
            "skipped": summary.skipped,
            "failed": len(summary.failed),
            "orphaned": len(summary.orphaned),
            "pruned": len(summary.pruned),
            "not_done": summary.not_done,
            "unsupported": len(summary.unsupported),
        },
        "interrupted": sig,
        "stopped": summary.stopped,
        "seconds": round(summary.seconds, 3),
        "jobs": options.jobs,
        "timeout": options.timeout,
        "max_memory": options.max_memory,
        "failures": summary.failed,
        "orphaned": summary.orphaned,
        "pruned": summary.pruned,
        "unsupported": summary.unsupported,
        "durations": dict(sorted(durations.items())),
    }


def write_run_files(run_dir: Path, key: str, docs: dict, manifest_data: dict) -> list[str]:
    """Error log, state, manifest: each written (atomically) if at all possible; returns the
    problems. The run files of the old layout are removed once these are written."""
    problems = []
    errors = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in manifest_data["failures"])
    steps = (
        lambda: output.write_run_file(run_dir / ERROR_LOG, errors),
        lambda: save_state(run_dir, key, docs),
        lambda: output.write_run_file(run_dir / MANIFEST, dumps(manifest_data)),
    )
    for step in steps:
        try:
            step()
        except OutputFull as e:
            problems.append(str(e))
    out_dir = run_dir.parent
    if not problems and any((out_dir / LEGACY[k]).exists() for k in ("state", "lock")):
        drop_legacy(out_dir)
    return problems


def drop_legacy(out_dir: Path) -> None:
    """Remove the old layout's run files from the top of OUT. `manifest.json` only when it is an old
    manifest, not the record of an input named `manifest`."""
    for name in (LEGACY["state"], LEGACY["lock"], LEGACY["errors"]):
        try:
            (out_dir / name).unlink()
        except OSError:
            pass
    path = out_dir / LEGACY["manifest"]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "run_key" in data and "document" not in data:
            path.unlink()
    except (OSError, ValueError):
        pass

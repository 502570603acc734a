"""The run's options as one validated object."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

from extractor.config import ExtractConfig

DEFAULT_MAX_MEMORY_MB = 2048


class RunOptions(BaseModel):
    """Everything `extractor.batch.run` needs. Invalid values raise pydantic's ValidationError.

    `timeout` None means no limit; `max_memory` is each worker's address-space limit in MB
    (RLIMIT_AS; 0 means no limit); the state is checkpointed every `checkpoint_every` records or
    `checkpoint_seconds` seconds, whichever comes first. `log` receives one line per event.
    `handle_signals` lets the run trap SIGINT/SIGTERM (only possible in the main thread).
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, extra="forbid")

    in_dir: Path
    out_dir: Path
    config: ExtractConfig = Field(default_factory=ExtractConfig)
    jobs: int = Field(1, ge=1, le=1024)
    force: bool = False
    prune: bool = False
    timeout: Optional[float] = Field(None, gt=0)
    max_memory: int = Field(DEFAULT_MAX_MEMORY_MB, ge=0)
    progress: bool = False
    checkpoint_every: int = Field(50, ge=1)
    checkpoint_seconds: float = Field(1.0, gt=0)
    log: Optional[Callable[[str], None]] = None
    handle_signals: bool = True

    @field_validator("max_memory")
    @classmethod
    def _enough_memory(cls, v: int) -> int:
        if 0 < v < 256:
            raise ValueError("--max-memory is in MB: 0 (no limit) or at least 256")
        return v

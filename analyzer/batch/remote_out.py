"""`--out` as a URI (`s3://bucket/run`, `gs://...`, any filesystem fsspec knows).

The batch writes to a local staging folder exactly as it writes to a local `--out` (the
same files, the same one-writer lock), and the folder is copied to the URI when the batch
closes; with `--resume` the URI's results are copied down first. So results reach the URI
at the end of a run, not one by one, and the one-writer lock guards this machine only.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from analyzer.batch.store import OutputDirError


class RemoteOut:
    """A local staging folder mirrored to a URI."""

    def __init__(self, uri: str) -> None:
        try:
            import fsspec
        except ImportError as exc:
            raise OutputDirError(
                f"writing results to {uri} needs fsspec, which comes with the ray extra: "
                "pip install 'impasse[ray]' (or give a local folder)."
            ) from exc
        try:
            fs, root = fsspec.core.url_to_fs(uri)
        except (ValueError, ImportError) as exc:
            raise OutputDirError(f"cannot write results to {uri}: {exc}") from exc
        self.uri = uri
        self.fs: Any = fs
        self.root = str(root).rstrip("/")
        self.staging = Path(tempfile.mkdtemp(prefix="impasse-out-"))

    def fetch(self) -> None:
        """Copy what the URI already holds into the staging folder (for `--resume`)."""
        if not self.fs.exists(self.root):
            return
        for remote in self.fs.find(self.root):
            relative = str(remote)[len(self.root) :].lstrip("/")
            local = self.staging / relative
            local.parent.mkdir(parents=True, exist_ok=True)
            self.fs.get_file(remote, str(local))

    def publish(self) -> None:
        """Copy every file of the staging folder to the URI, then remove the folder."""
        for local in sorted(p for p in self.staging.rglob("*") if p.is_file()):
            remote = f"{self.root}/{local.relative_to(self.staging).as_posix()}"
            self.fs.makedirs(remote.rsplit("/", 1)[0], exist_ok=True)
            self.fs.put_file(str(local), remote)
        shutil.rmtree(self.staging, ignore_errors=True)

"""A content-addressed disk cache for built launchers and kernels.

Entries live in <root>/<key>/<filename>; a writer fills a private temporary
file and renames it into place, so concurrent processes never see a partial
file. The root is SPINE_TRITON_CACHE_DIR, else ~/.cache/spine_triton.
"""

import hashlib
import os
import tempfile
from typing import Optional


def default_cache_root() -> str:
    root = os.environ.get("SPINE_TRITON_CACHE_DIR")
    if root:
        return root
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "spine_triton")


def cache_key(*parts) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


class DiskCache:

    def __init__(self, key: str, root: Optional[str] = None):
        self.directory = os.path.join(root or default_cache_root(), key)

    def get(self, filename: str) -> Optional[str]:
        path = os.path.join(self.directory, filename)
        return path if os.path.isfile(path) else None

    def put(self, data: bytes, filename: str) -> str:
        os.makedirs(self.directory, exist_ok=True)
        path = os.path.join(self.directory, filename)
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix="." + filename + ".")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o644)  # mkstemp creates 0600; entries are shared read-only
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        return path

"""The SpacemiT core table (arch_id -> core), parsed from SpacemitCores.def.

The table is defined once, in runtime/include/speir/SpacemitCores.def; the
wheel carries a copy next to this file. Nothing here restates its rows.
"""

import functools
import os
import re
from dataclasses import dataclass
from typing import Dict, Optional

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
CORE_TABLE_NAME = "SpacemitCores.def"

# SPACEMIT_CORE(ARCH_ID, NAME, LLVM_CPU, LLVM_FEATURES, VLEN, IME_VERSION,
#               CLUSTERS, CORES_PER_CLUSTER, IME_CLUSTER_MASK)
_ROW = re.compile(r'^\s*SPACEMIT_CORE\(\s*(0x[0-9A-Fa-f]+)\s*,\s*"([^"]*)"\s*,\s*"([^"]*)"\s*,'
                  r'\s*"([^"]*)"\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,'
                  r'\s*(0x[0-9A-Fa-f]+|\d+)\s*\)', re.MULTILINE)


@dataclass(frozen=True)
class SpacemitCore:
    arch_id: int
    name: str  # the SpacemiT core name, e.g. "spacemit-x60"
    llvm_cpu: str  # what LLVM 22 is given as -mcpu
    llvm_features: str  # added to llvm_cpu, e.g. "+v,+zvfh"
    vlen: int
    ime_version: int
    clusters: int
    cores_per_cluster: int
    ime_cluster_mask: int

    @property
    def arch_id_string(self) -> str:
        return "0x%X" % self.arch_id

    @property
    def num_cores(self) -> int:
        return self.clusters * self.cores_per_cluster

    @property
    def stream_threads(self) -> int:
        """Threads of one stream: the runtime gives each cluster a stream."""
        return self.cores_per_cluster


def default_core_table_path() -> str:
    """The packaged copy, else the source tree's (running from a checkout)."""
    packaged = os.path.join(_PACKAGE_DIR, CORE_TABLE_NAME)
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(_PACKAGE_DIR, os.pardir, "runtime", "include", "speir", CORE_TABLE_NAME)


def parse_spacemit_cores(text: str) -> Dict[int, SpacemitCore]:
    cores = {}
    for m in _ROW.finditer(text):
        core = SpacemitCore(int(m.group(1), 16), m.group(2), m.group(3), m.group(4), int(m.group(5)),
                            int(m.group(6)), int(m.group(7)), int(m.group(8)), int(m.group(9), 0))
        if core.arch_id in cores:
            raise ValueError("%s lists arch_id %s twice" % (CORE_TABLE_NAME, core.arch_id_string))
        cores[core.arch_id] = core
    if not cores:
        raise ValueError("no SPACEMIT_CORE rows found in %s" % CORE_TABLE_NAME)
    return cores


@functools.lru_cache(maxsize=None)
def load_spacemit_cores(path: Optional[str] = None) -> Dict[int, SpacemitCore]:
    path = path or default_core_table_path()
    with open(path, encoding="utf-8") as f:
        return parse_spacemit_cores(f.read())


def _arch_id_value(arch_id) -> int:
    if isinstance(arch_id, int):
        return arch_id
    try:
        return int(str(arch_id).strip(), 16)
    except ValueError:
        raise ValueError("arch_id must be hexadecimal like '0x503C', got %r" % (arch_id, )) from None


def core_for_arch_id(arch_id) -> SpacemitCore:
    cores = load_spacemit_cores()
    core = cores.get(_arch_id_value(arch_id))
    if core is None:
        known = ", ".join("%s (%s)" % (c.arch_id_string, c.name) for c in cores.values())
        raise ValueError("Unknown arch_id: %s; known: %s" % (arch_id, known))
    return core


def get_cpu_name_from_arch_id(arch_id) -> str:
    """The SpacemiT core name the frontend spells, e.g. '0x503C' -> 'spacemit-x60'."""
    return core_for_arch_id(arch_id).name

import os

import pytest

from conftest import REPO_ROOT

# The contract's arch_id -> core table (docs/frontend-contract.md, "Target description").
CONTRACT_CORES = {
    "0x503C": "spacemit-x60",
    "0x5064": "spacemit-x100",
    "0x50C8": "spacemit-x200",
    "0xA03C": "spacemit-a60",
    "0xA064": "spacemit-a100",
    "0xA0C8": "spacemit-a200",
    "0xF000": "spacemit-a200m",
}


def test_table_is_read_from_the_runtime_header(spine_triton):
    from spine_triton import spacemit_cores
    path = os.path.realpath(spacemit_cores.default_core_table_path())
    assert path == os.path.realpath(os.path.join(REPO_ROOT, "runtime", "include", "speir", "SpacemitCores.def"))


@pytest.mark.parametrize("arch_id,cpu", sorted(CONTRACT_CORES.items()))
def test_contract_arch_ids_map_to_their_cpu(spine_triton, arch_id, cpu):
    assert spine_triton.get_cpu_name_from_arch_id(arch_id) == cpu
    assert spine_triton.get_cpu_name_from_arch_id(arch_id.lower()) == cpu


def test_table_holds_exactly_the_contract_cores(spine_triton):
    cores = spine_triton.load_spacemit_cores()
    assert {c.arch_id_string: c.name for c in cores.values()} == CONTRACT_CORES


def test_llvm_cpu_and_vlen(spine_triton):
    x60 = spine_triton.core_for_arch_id("0x503C")
    assert (x60.llvm_cpu, x60.vlen, x60.ime_version) == ("spacemit-x60", 256, 1)
    a100 = spine_triton.core_for_arch_id(0xA064)
    assert a100.llvm_cpu == "generic-rv64" and "+zvl1024b" in a100.llvm_features and a100.vlen == 1024


def test_topology_of_a_k1(spine_triton):
    k1 = spine_triton.core_for_arch_id("0x503C")
    assert (k1.num_cores, k1.stream_threads, k1.ime_cluster_mask) == (8, 4, 0x1)


def test_unknown_arch_id_names_the_known_ones(spine_triton):
    with pytest.raises(ValueError, match=r"Unknown arch_id: 0x1234.*0x503C \(spacemit-x60\)"):
        spine_triton.get_cpu_name_from_arch_id("0x1234")
    with pytest.raises(ValueError, match="hexadecimal"):
        spine_triton.get_cpu_name_from_arch_id("x60")


def test_parser_rejects_duplicates_and_empty_tables(spine_triton):
    from spine_triton.spacemit_cores import parse_spacemit_cores
    row = 'SPACEMIT_CORE(0x503C, "a", "b", "", 256, 1, 2, 4, 0x1)\n'
    assert parse_spacemit_cores("// c\n" + row)[0x503C].clusters == 2
    with pytest.raises(ValueError, match="twice"):
        parse_spacemit_cores(row + row)
    with pytest.raises(ValueError, match="no SPACEMIT_CORE rows"):
        parse_spacemit_cores("#undef SPACEMIT_CORE\n")

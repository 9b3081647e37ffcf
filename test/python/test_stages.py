"""The stage functions' command lines and options, without running kernels."""

import os

import pytest

from conftest import read_example


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("SPINE_TRITON_PIPELINE_OPTION", "SPINE_TRITON_USE_REF_PIPELINE", "SPINE_TRITON_TARGET_ARCH",
                 "SPINE_TRITON_CROSS_TOOLCHAIN", "SPINE_TRITON_DUMP_PATH", "SPINE_TRITON_HOST_MCPU",
                 "SPINE_TRITON_RISCV64_MATTR"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_default_pipeline_options_follow_bind_sub_block(spine_triton, clean_env):
    from spine_triton import stages
    assert stages.spine_opt_pipeline_argument({"smt_parallel_inside": False}) == \
        "--spine-triton-e2e-pipeline=enable-always-tls=1 enable-fuse-group=false"
    assert stages.spine_opt_pipeline_argument({"smt_parallel_inside": True}) == \
        "--spine-triton-e2e-pipeline=enable-always-tls=0 enable-fuse-group=false"
    assert stages.smt_parallel_inside("scf.forall ... {bind_sub_block = true}")
    assert not stages.smt_parallel_inside("tt.func public @k()")


def test_ref_pipeline_and_override(spine_triton, clean_env):
    from spine_triton import stages
    clean_env.setenv("SPINE_TRITON_USE_REF_PIPELINE", "1")
    assert stages.spine_opt_pipeline_argument({}) == "--spine-triton-e2e-ref-pipeline=enable-always-tls=1"
    clean_env.setenv("SPINE_TRITON_PIPELINE_OPTION", "enable-always-tls=0")
    assert stages.spine_opt_pipeline_argument({}) == "--spine-triton-e2e-ref-pipeline=enable-always-tls=0"
    clean_env.setenv("SPINE_TRITON_USE_REF_PIPELINE", "0")
    assert stages.spine_opt_pipeline_argument({}) == "--spine-triton-e2e-pipeline=enable-always-tls=0"
    clean_env.setenv("SPINE_TRITON_USE_REF_PIPELINE", "yes")
    with pytest.raises(ValueError):
        stages.spine_opt_pipeline_argument({})


def test_kernel_name_from_ttir(spine_triton):
    from spine_triton import stages
    assert stages.kernel_name_from_ttir("module {\n  tt.func public @add_kernel(%a: !tt.ptr<f32>) {") == "add_kernel"
    with pytest.raises(stages.StageError):
        stages.kernel_name_from_ttir("module {}")


class _Target:
    arch_id = "0xA064"
    force_vector_interleave = 4


def test_riscv64_opt_and_llc_use_the_core_table(spine_triton, clean_env):
    from spine_triton import stages
    clean_env.setenv("SPINE_TRITON_TARGET_ARCH", "riscv64")
    x60 = stages.CodegenTarget.of_kernel({"arch_id": "0x503C"})
    opt = stages.opt_command("in.ll", "out.ll", x60)
    assert opt[1:3] == ["in.ll", "-passes=sroa,instcombine<no-verify-fixpoint>,loop-mssa(loop-rotate,licm),simplifycfg,loop-vectorize"]
    assert "-mcpu=spacemit-x60" in opt and "-force-vector-width=32" in opt and "-force-vector-interleave=2" in opt
    a100 = stages.CodegenTarget.of_kernel({"target": _Target()})
    llc = stages.llc_command("in.ll", "out.o", a100)
    assert llc[2:5] == ["-O3", "--float-abi=hard", "--relocation-model=pic"]
    assert "-mcpu=generic-rv64" in llc and "--target-abi=lp64d" in llc
    mattr = [a for a in llc if a.startswith("--mattr=")][0][len("--mattr="):].split(",")
    assert mattr[:3] == ["+64bit", "+a", "+b"] and "+zvl1024b" in mattr and "+zicboz" in mattr
    assert len(mattr) == len(set(mattr))
    assert "-force-vector-interleave=4" in stages.opt_command("a", "b", a100)


def test_riscv64_extra_mattr_comes_last(spine_triton, clean_env):
    from spine_triton import stages
    clean_env.setenv("SPINE_TRITON_TARGET_ARCH", "riscv64")

    def mattr(cmd):
        return [a for a in cmd if "mattr=" in a][0].split("=", 1)[1].split(",")

    def x60():
        return stages.CodegenTarget.of_kernel({"arch_id": "0x503C"})

    default = mattr(stages.llc_command("in.ll", "out.o", x60()))
    assert "-zicond" not in default
    clean_env.setenv("SPINE_TRITON_RISCV64_MATTR", " -zicond, +zbc ")
    for cmd in (stages.llc_command("in.ll", "out.o", x60()), stages.opt_command("in.ll", "out.ll", x60())):
        assert mattr(cmd) == default + ["-zicond", "+zbc"]
    from spine_triton import environment
    assert "SPINE_TRITON_RISCV64_MATTR" in environment.COMPILE_ENV_VARS
    clean_env.setenv("SPINE_TRITON_RISCV64_MATTR", "zicond")
    with pytest.raises(ValueError, match="zicond"):
        stages.llc_command("in.ll", "out.o", x60())


def test_native_commands_have_no_riscv_flags(spine_triton, clean_env):
    from spine_triton import stages
    if spine_triton.get_cpu_arch() == "riscv64":
        pytest.skip("the host is riscv64")
    host = stages.CodegenTarget.of_kernel({})
    llc = stages.llc_command("a", "b", host)
    assert not any("riscv" in a or "mattr" in a for a in llc)
    # The host's own vector extensions (AVX2/AVX-512, FMA) unless told otherwise.
    assert "-mcpu=native" in llc and "-mcpu=native" in stages.opt_command("a", "b", host)
    assert stages.opt_command("a", "b", host)[1:3] == ["a", "-passes=sroa,instcombine<no-verify-fixpoint>,loop-mssa(loop-rotate,licm),simplifycfg,loop-vectorize"]
    assert not stages.is_cross_compiling()
    os.environ["SPINE_TRITON_HOST_MCPU"] = "x86-64"
    try:
        assert "-mcpu=x86-64" in stages.llc_command("a", "b", stages.CodegenTarget.of_kernel({}))
    finally:
        del os.environ["SPINE_TRITON_HOST_MCPU"]


def test_cross_toolchain_layouts(spine_triton, clean_env, tmp_path):
    from spine_triton import stages
    spacemit = tmp_path / "spacemit-toolchain"
    (spacemit / "bin").mkdir(parents=True)
    (spacemit / "sysroot").mkdir()
    (spacemit / "bin" / "clang++").write_text("")
    clean_env.setenv("SPINE_TRITON_CROSS_TOOLCHAIN", str(spacemit))
    assert stages.cross_compiler_command() == [
        str(spacemit / "bin" / "clang++"), "--target=riscv64-unknown-linux-gnu",
        "--sysroot=" + str(spacemit / "sysroot"), "-fuse-ld=lld"
    ]
    clean_env.setenv("SPINE_TRITON_CROSS_TOOLCHAIN", str(tmp_path / "nothing-here"))
    with pytest.raises(stages.StageError, match="no riscv64 toolchain"):
        stages.cross_compiler_command()
    if os.path.isdir("/usr/riscv64-linux-gnu/lib"):
        clean_env.delenv("SPINE_TRITON_CROSS_TOOLCHAIN")
        debian = stages.cross_compiler_command()
        assert debian[1:] == ["--target=riscv64-linux-gnu", "--gcc-toolchain=/usr", "-fuse-ld=lld"]
        for given in ("/usr", "/usr/riscv64-linux-gnu/"):
            clean_env.setenv("SPINE_TRITON_CROSS_TOOLCHAIN", given)
            assert stages.cross_compiler_command() == debian


def test_failing_tool_reports_command_and_output(spine_triton, built_tools, clean_env):
    from spine_triton import stages
    with pytest.raises(stages.StageError, match=r"(?s)command failed.*spine-opt.*error"):
        stages.linalgdir_to_llir("func.func @broken(", {"name": "broken"})
    with pytest.raises(stages.StageError, match="tool not found"):
        stages.run_tool(["/nonexistent/spine-opt"])


def test_dump_path_keeps_every_stage(spine_triton, built_tools, clean_env, tmp_path):
    from spine_triton import stages
    clean_env.setenv("SPINE_TRITON_DUMP_PATH", str(tmp_path))
    metadata = {"name": "scale_add_masked", "arch_id": "0x503C"}
    llir = stages.linalgdir_to_llir(read_example("scale_add_masked.mlir"), metadata)
    stages.llir_to_so(llir, metadata)
    dumped = sorted(os.listdir(tmp_path))
    assert dumped == sorted("scale_add_masked_" + f for f in ("ll.mlir", "ll.ir", "kernel.s", "kernel.so"))
    # The LLVM IR carries locations from the debug-info re-run.
    assert "!dbg" in (tmp_path / "scale_add_masked_ll.ir").read_text()


def test_scalable_vectors_are_refused_on_the_host(spine_triton, built_tools, clean_env):
    """vector-length-agnostic=1 (scalable vectors) is for riscv64: the host
    build stops with a message naming the option instead of llc aborting."""
    from spine_triton import stages
    clean_env.setenv("SPINE_TRITON_PIPELINE_OPTION", "enable-always-tls=1 vector-length-agnostic=1")
    metadata = {"name": "scale_add_masked", "arch_id": "0x503C"}
    llir = stages.linalgdir_to_llir(read_example("scale_add_masked.mlir"), metadata)
    assert "<vscale x 16 x float>" in llir
    with pytest.raises(stages.StageError, match="scalable vectors.*vector-length-agnostic=1.*only riscv64"):
        stages.llir_to_so(llir, metadata)
    clean_env.delenv("SPINE_TRITON_PIPELINE_OPTION")
    assert "vscale" not in stages.linalgdir_to_llir(read_example("scale_add_masked.mlir"), metadata)


FAKE_SPINE_TRITON_OPT = """#!/bin/sh
# Stands in for the frontend's binary: checks the contract's command line,
# then writes a linalgdir module naming its input.
[ "$2" = --triton-to-linalg-experimental ] && [ "$3" = -o ] || { echo "bad arguments: $*" >&2; exit 3; }
grep -q 'tt.func public @k' "$1" || { echo "input is not the TTIR" >&2; exit 4; }
echo "module { func.func @k() { return } } // from $(basename "$1")" > "$4"
"""


def test_ttir_to_linalgdir_runs_spine_triton_opt(spine_triton, clean_env, tmp_path):
    from spine_triton import stages
    fake = tmp_path / "spine-triton-opt"
    fake.write_text(FAKE_SPINE_TRITON_OPT)
    fake.chmod(0o755)
    clean_env.setenv("SPINE_TRITON_OPT_PATH", str(fake))
    clean_env.setenv("SPINE_TRITON_DUMP_PATH", str(tmp_path / "dump"))
    linalg = stages.ttir_to_linalgdir("module { tt.func public @k() { tt.return } }", {"name": "k"})
    assert linalg.strip() == "module { func.func @k() { return } } // from tt.mlir"
    assert sorted(os.listdir(tmp_path / "dump")) == ["k_linalg.mlir", "k_tt.mlir"]
    clean_env.setenv("SPINE_TRITON_OPT_PATH", str(tmp_path / "missing"))
    with pytest.raises(stages.StageError, match="tool not found"):
        stages.ttir_to_linalgdir("", {"name": "k"})


FAKE_SPINE_OPT_TTIR = """#!/bin/sh
# Stands in for spine-opt: checks the TTIR conversion's command line.
[ "$2" = --spine-ttir-to-linalg ] && [ "$3" = -o ] || { echo "bad arguments: $*" >&2; exit 3; }
echo "module { func.func @k() { return } } // spine-opt $(basename "$1")" > "$4"
"""


def test_ttir_to_linalgdir_uses_spine_opt_without_spine_triton_opt(spine_triton, clean_env, tmp_path):
    from spine_triton import stages
    fake = tmp_path / "spine-opt"
    fake.write_text(FAKE_SPINE_OPT_TTIR)
    fake.chmod(0o755)
    clean_env.delenv("SPINE_TRITON_OPT_PATH", raising=False)
    clean_env.setenv("SPINE_MLIR_OPT_PATH", str(fake))
    linalg = stages.ttir_to_linalgdir("module { tt.func public @k() { tt.return } }", {"name": "k"})
    assert linalg.strip() == "module { func.func @k() { return } } // spine-opt tt.mlir"


def test_tool_paths_follow_the_environment(spine_triton, clean_env, tmp_path):
    from spine_triton import environment
    clean_env.setenv("SPINE_MLIR_OPT_PATH", "/x/spine-opt")
    assert environment.get_spine_mlir_opt_path() == "/x/spine-opt"
    clean_env.delenv("SPINE_MLIR_OPT_PATH")
    # From a checkout (backend/ next to build/), the build's; installed, the wheel's bin/.
    build = environment.checkout_build_dir()
    if build and os.path.isfile(os.path.join(build, "bin", "spine-opt")):
        assert environment.get_spine_mlir_opt_path() == os.path.join(build, "bin", "spine-opt")
    else:
        assert environment.get_spine_mlir_opt_path() == os.path.join(environment.BUNDLED_BIN_DIR, "spine-opt")
    clean_env.setattr(environment, "BUNDLED_BIN_DIR", str(tmp_path))  # as if installed with bin/
    assert environment.checkout_build_dir() is None
    assert environment.get_spine_mlir_opt_path() == os.path.join(environment.BUNDLED_BIN_DIR, "spine-opt")
    clean_env.setenv("LLVM_BINARY_DIR", "/y")
    assert environment.get_llvm_bin_path("llc") == "/y/llc"

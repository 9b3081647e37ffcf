# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "SPINE"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir"]
config.excludes = ["lit.cfg.py", "lit.site.cfg.py", "Inputs", "CMakeLists.txt", "kernels"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.spine_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%spine_src_root", config.spine_src_root))
config.substitutions.append(("%spine_runtime_lib_dir", config.spine_runtime_lib_dir))
config.substitutions.append(("%host_cxx", config.host_cxx))
config.substitutions.append(("%runtime_include", os.path.join(config.spine_src_root, "runtime", "include")))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

tool_dirs = [config.spine_tools_dir, config.llvm_tools_dir]
llvm_config.add_tool_substitutions(
    ["spine-opt", "spine-compile", "mlir-translate", "llc", "opt", "clang", "clang++"], tool_dirs)
llvm_config.with_environment("PATH", config.spine_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

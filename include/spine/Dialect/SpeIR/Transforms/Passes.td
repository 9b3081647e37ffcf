#ifndef SPINE_DIALECT_SPEIR_TRANSFORMS_PASSES_TD
#define SPINE_DIALECT_SPEIR_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def SpeIRAttachTarget : Pass<"speir-attach-target", "::mlir::ModuleOp"> {
  let summary = "Resolve the frontend's DLTI target spec into #speir.target";
  let description = [{
    Reads `arch_id` and `num_threads` from the module's
    `dlti.target_system_spec` device `"CPU"` (falling back to the TTIR module
    attributes `tt.arch_id` / `tt.num_threads`), looks the arch_id up in the
    SpacemiT core table (runtime/include/speir/SpacemitCores.def) and attaches
    the result as the module attribute `speir.target`.

    - No target information: the default core `spacemit-x60` (arch_id
      0x503C) with 8 threads, and a remark says so.
    - A core LLVM has no model for: a remark names the generic configuration
      used instead.
    - An unknown arch_id: an error listing the known ones.
    Pass options override what the module says.
  }];
  let options = [
    Option<"archIdOverride", "arch-id", "std::string", "\"\"",
           "arch_id to compile for (e.g. 0x503C), overriding the module">,
    Option<"numThreadsOverride", "num-threads", "int64_t", "0",
           "worker threads, overriding the module (0 = keep)">
  ];
  let dependentDialects = ["::mlir::speir::SpeIRDialect"];
}

def SpeIRForwardLoads : Pass<"speir-forward-loads", "::mlir::func::FuncOp"> {
  let summary = "Read the frontend's alloc + copy + to_tensor loads in place";
  let description = [{
    The frontend loads a block as `%a = memref.alloc`, `memref.copy %view,
    %a`, `%t = bufferization.to_tensor %a restrict writable`, which copies
    the whole block (e.g. a weight matrix) on every call. The load becomes
    `bufferization.to_tensor %view restrict` (not writable, so
    bufferization never writes into the viewed kernel argument), and the
    alloc and copy disappear, when:

    - the alloc's only users are the copy, the to_tensor, `linalg.fill`s
      before the copy (the masked form's `other` value) and deallocs after
      it, all in one block, and the copy's source has the alloc's shape (a
      copy of a smaller block is not a whole load); or
    - the load is versioned by its valid block, as convert-triton-to-linalg
      emits masked loads: `scf.if` copies the whole view, else fills and
      copies the leading block [0, s) of it; then every read of the tensor
      must be a leading `tensor.extract_slice` whose sizes are provably
      within s (equal values, or a `minsi` of them: the masked store's
      extent, after spine-narrow-to-store), and those slices read the view;
    - the tensor is only read: no use of it (through slices, reshapes and
      casts) is a destination operand, and every use is an op this pass
      understands;
    - nothing that may write memory aliasing a kernel argument (any write
      not into a buffer the function allocated itself, or an op with
      unknown effects) lies between the copy and the last read, since the
      frontend contract does not promise that kernel arguments do not alias.
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect"];
}

def SpeIRFoldTransposeIntoMatmul
    : Pass<"speir-fold-transpose-into-matmul", "::mlir::func::FuncOp"> {
  let summary = "Fold linalg.transpose of a matmul operand into its indexing map";
  let description = [{
    `tl.trans` becomes a `linalg.transpose` (swapping the two innermost
    dimensions) that would be materialized before the matmul. When the
    transpose's only user is an input of `linalg.matmul` (2-D) or
    `linalg.batch_matmul` (3-D, batch dimension kept), the matmul reads the
    transpose's input through swapped indexing-map results instead, and the
    transpose is erased. convert-linalg-to-speir turns such matmuls into
    `speir.gemm` on a transposed view (the runtime's TRANSPOSE_A/B), so a
    forwarded N x K weight is read in place.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def SpeIRLowerCopies : Pass<"speir-lower-copies"> {
  let summary = "Rewrite memref.copy into linalg.copy";
  let description = [{
    The frontend copies masked tiles with `memref.copy` between strided
    views. Upstream lowers such copies to calls of `memrefCopy` from MLIR's C
    runner utilities; rewriting them into `linalg.copy` lets the loop and
    vector lowerings handle them, so generated code needs no such symbol.

    A fill or copy whose buffers are each one contiguous run of rank >= 2
    (an identity layout, or strides that make one) runs over the collapsed
    1-D run instead (`memref.collapse_shape`): one vector loop rather than
    a loop nest paying its overhead and remainder once per row.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect"];
}

def SpeIRDestinationPassing : Pass<"speir-destination-passing", "::mlir::func::FuncOp"> {
  let summary = "Put element-wise kernels in destination-passing form before bufferization";
  let description = [{
    Rewrites on tensors, before one-shot bufferization, so that an
    element-wise kernel computes straight into its output and allocates
    nothing:

    - Masked loads (`memref.alloc`, `linalg.fill`, `memref.copy` of the
      valid part, `to_tensor ... writable`): when the valid part is the whole
      block at run time, the source is read in place (an `scf.if` on the
      sizes); generics that wrote into the copy-in buffer without reading it
      get an empty init instead.
    - Broadcasts: a `linalg.broadcast` that only feeds all-parallel
      generics is read by them through their indexing maps instead of
      being materialized in a temporary.
    - Reductions: a `linalg.reduce` of an all-parallel generic that nothing
      else reads becomes one generic (upstream element-wise fusion), so the
      intermediate is never stored.
    - In place on dying inputs: an all-parallel `linalg.generic` whose init
      is a `tensor.empty` and whose body ignores the output value takes as
      init an input of the same type and indexing map that it is the last
      reader of (a result of another Linalg op, or the copy-in buffer of a
      masked load: `to_tensor ... writable` of a `memref.alloc`). Inputs
      read from kernel arguments are never overwritten.
    - Destinations: for `bufferization.materialize_in_destination %t in
      writable %view` whose `%view` is a view (reinterpret_cast, subview,
      cast) of a kernel argument that nothing else in the function reads or
      writes, the pure ops computing `%view` are moved before the Linalg op
      that starts `%t`'s destination chain (a `tensor.empty` used only there),
      and the op is marked `restrict`. That is the form upstream's
      `eliminate-empty-tensors` handles; run it next, and the chain's
      `tensor.empty` becomes the output buffer.

    Aliasing: an output that is also read in the function (`out = a + out`)
    is left alone. Inputs read through other kernel arguments are trusted to
    the frontend's `to_tensor ... restrict` (docs/frontend-contract.md: an
    output may share memory with an input only element for element).
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

def SpeIRVectorizeLinalg : Pass<"speir-vectorize-linalg", "::mlir::func::FuncOp"> {
  let summary = "Tile bufferized Linalg ops to vector-register tiles and vectorize them";
  let description = [{
    For every Linalg op on memrefs (elementwise, broadcast, transpose, fill,
    copy, reductions) the innermost loop is tiled to the vector length of the
    module's `#speir.target` (`lanes` vector registers of VLEN bits, in
    elements of the op's widest type) and the outer loops to 1; each
    statically shaped tile is vectorized through the vector dialect. A
    partial last tile is peeled into a loop of its own; when the innermost
    loop's length is known only at run time it is peeled only if the op's
    operands are contiguous along it (the whole tiles become vector loads
    and stores, the remainder stays for the scalar lowering; a strided tile
    would be built element by element, slower than the scalar loop). Ops
    the vectorizer rejects stay as they are for the scalar loop lowering;
    `-debug-only=speir-vectorize-linalg` says why. The registers per vector
    (LMUL) follow the op's register pressure: an all-parallel op takes the
    widest LMUL (8, 4, 2, 1) at which the values its body keeps live at once
    fit the 32 vector registers (a long body, or many operands live
    together, takes a narrower one; the model is at `registersByPressure`);
    reductions take 2, in chunks eight vectors wide. `registers-per-vector`
    forces one LMUL on every op.

    `vector-length-agnostic`: all-parallel ops whose innermost loop is
    longer than one vector at the target's VLEN (taken as the minimum) use
    scalable vectors instead (`vector<[n]xT>`, n = LMUL x 64 / element
    bits, LLVM's `<vscale x n x T>`): the loop steps by `vscale x n`
    elements, unmasked, and the remainder runs once, masked. The same code
    then uses the whole register at any VLEN from the target's up (one
    binary for VLEN 128 and 256). Reductions and shorter loops keep fixed
    vectors of the target's VLEN. RISC-V only: x86-64 has no scalable
    vectors.
  }];
  let options = [
    Option<"registersPerVector", "registers-per-vector", "int64_t", "0",
           "vector registers one vector value spans (LMUL) for every op; 0: "
           "by register pressure">,
    Option<"vectorLengthAgnostic", "vector-length-agnostic", "bool", "false",
           "element-wise loops on scalable vectors (vscale x n lanes, the "
           "remainder masked) instead of fixed vectors of the target's VLEN">
  ];
  let dependentDialects = ["::mlir::vector::VectorDialect", "::mlir::scf::SCFDialect",
                           "::mlir::affine::AffineDialect", "::mlir::arith::ArithDialect"];
}

def SpeIRApproximateMath : Pass<"speir-approximate-math"> {
  let summary = "Replace math functions by polynomial approximations";
  let description = [{
    exp, log, tanh, erf, sin, cos, ... on vectors (and scalars) become
    arithmetic that vectorizes, instead of calls to scalar libm functions in
    hot loops (upstream's polynomial approximations, f32 accurate to a few
    ulp; f16 is computed in f32). f32 exp is the project's own (at most
    0.94 ulp, no rounding-mode changes), and so are f32 erf and tanh (x
    P(x^2) / Q(x^2) with x clamped where they round to +-1, within 6.6 and
    5.7 ulp). Every constant of these is a scalar operand; upstream's
    polynomials' Horner steps with a constant addend become a multiply and
    an add, so no vector constant is held across a loop (a kernel's own
    fma stays fused). rsqrt is left to the LLVM lowering
    (sqrt and a division, both vector instructions on RVV). A conversion
    to integer of a rounded, clamped value (quantization) becomes one
    llvm.intr.lrint of the clamped value.
  }];
  let dependentDialects = ["::mlir::vector::VectorDialect", "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect", "::mlir::LLVM::LLVMDialect"];
}

def SpeIRLowerVectors : Pass<"speir-lower-vectors"> {
  let summary = "Lower high-level vector ops to forms the LLVM conversion takes";
  let description = [{
    Multi-dimensional transfers become loops of 1-D ones, multi-reductions
    become inner-dimension reductions, and contractions, transposes,
    broadcasts and masks are lowered, so that convert-vector-to-llvm sees
    only 1-D vector operations that map onto RVV registers.
  }];
  let dependentDialects = ["::mlir::vector::VectorDialect", "::mlir::scf::SCFDialect",
                           "::mlir::memref::MemRefDialect", "::mlir::arith::ArithDialect"];
}

def SpeIRDecomposeLinalg : Pass<"speir-decompose-linalg", "::mlir::func::FuncOp"> {
  let summary = "Decompose the Linalg ops later stages do not take into simpler Linalg";
  let description = [{
    - `linalg.pack` / `linalg.unpack`, which one-shot bufferization cannot
      handle, into pad, reshape and transpose (upstream's `lowerPack` /
      `lowerUnPack`): the reference pipeline's lowering of every relayout,
      and the fast pipeline's fallback for forms the runtime has no kernel
      for.
    - Aggregate ops such as `linalg.softmax` into their elementwise and
      reduction parts (`AggregatedOpInterface`), which vectorize and loop.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect", "::mlir::math::MathDialect"];
}

def SpeIROnlineSoftmax : Pass<"speir-online-softmax", "::mlir::func::FuncOp"> {
  let summary = "Compute a long row's softmax statistics in one pass (online softmax)";
  let description = [{
    Runs on tensors, after `speir-decompose-linalg`. Finds softmax's shape:

    ```
    %m = max-reduction of %x over its innermost dimension (init: any)
    %e = exp(%x - %m), all-parallel, %m broadcast along the innermost
         dimension (or read as a scalar through tensor.extract when %x is
         one row)
    %s = add-reduction of %e over the same dimension (init: zero)
    ```

    and, when `%x` (the whole tile: each pass of the three-pass form runs
    over all of its rows) is at least `min-bytes` large, so that it no
    longer stays in cache from one pass to the next, replaces the two reductions
    by one `scf.for` over column blocks of about `block-bytes` (in cache)
    that carries the running max `m` and the running sum `s` of
    `exp(x - m)`: per block, `m' = max(m, max(block))`,
    `s' = s * exp(m - m') + sum(exp(block - m'))` (where `m'` is -inf, 0
    stands in for it in the exponents, so a leading block of -inf adds
    nothing instead of NaN). `%e` then has no reader but the consumer that
    normalizes it, into which it is fused: the row is read twice (statistics;
    exp and divide) instead of three times (max; exp and sum, writing
    `%e`; divide, reading it back), and `%e` is never written. The
    exponential is computed twice per element instead of once, which is
    why short rows keep the three-pass form.

    The result differs from the three-pass form only by the rounding of the
    rescaled partial sums.

    The fast pipeline runs it with `enable-online-softmax=true` only: on
    the machines measured the second exponential costs more than the pass
    it saves (`bench/compare_lowerings.py --online`, README.md,
    "Vectorization strategy").
  }];
  let options = [
    Option<"minBytes", "min-bytes", "int64_t", "262144",
           "Rewrite softmaxes whose input tile has at least this many bytes">,
    Option<"blockBytes", "block-bytes", "int64_t", "16384",
           "Bytes of the tile per column block of the statistics loop">
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
                           "::mlir::scf::SCFDialect", "::mlir::affine::AffineDialect"];
}

def SpeIRFuseGemmEpilogue : Pass<"speir-fuse-gemm-epilogue", "::mlir::func::FuncOp"> {
  let summary = "Fold the elementwise Linalg after a speir.gemm into its epilogue";
  let description = [{
    Runs on buffers, after `convert-linalg-to-speir`. For a 2-D `speir.gemm`
    with an f32 or i32 accumulator, looks at the next `linalg.generic` in
    the block that reads `c`: all-parallel, 2-D, `c` read through the
    identity map, one output written through the identity map, and a body
    that computes exactly a prefix-ordered chain of the epilogue steps
    (see `speir.gemm`):

    - scale: `acc * s` (i32 accumulators: `sitofp(acc) * s`), `s` an f32
      input indexed by `(d0)` (per_row), `(d1)` (per_col) or `()` (scalar);
    - bias: `v + b`, `b` indexed likewise, or an M x N buffer written only by
      a `linalg.broadcast` of a 1-D buffer (the broadcast then disappears);
    - activation: relu (`max(v, 0)`, `select(v > 0, v, 0)`; `maxsi` on i32),
      silu (`v / (1 + exp(-v))`, `v * (1 / (1 + exp(-v)))`), gelu with tanh
      or erf, in any association of the products;
    - residual: `v + r`, `r` an M x N input through the identity map;
    - convert: `truncf` to f16 or bf16.

    Bias and residual may be extended (`extf`) from the output's element
    type. Between the gemm and the generic only side-effect-free ops,
    allocations and such broadcasts may sit. When the generic writes
    another buffer than `c` and `c` is a local allocation with no other
    use, the allocation disappears and the product stays in registers.

    Then, for every `speir.gemm` (fused or not) that computes into a local
    allocation (its `c`, and its `out` if it has an epilogue) which is
    afterwards only copied whole into a destination (`memref.copy`, then
    deallocated): the gemm computes in the destination itself (as its `c`,
    or with an epilogue as its `out` with C not materialized), and the
    allocation and the copy disappear. The destination's root buffer must
    differ from the operands' (the runtime writes it while still reading
    them), and nothing between the gemm and the copy may read or write it.
    Everything else is left as it is.
  }];
  let dependentDialects = ["::mlir::speir::SpeIRDialect"];
}

#endif // SPINE_DIALECT_SPEIR_TRANSFORMS_PASSES_TD

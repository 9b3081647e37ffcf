#ifndef SPINE_CONVERSION_PASSES_TD
#define SPINE_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertXSMTAsyncToLLVM : Pass<"convert-xsmt-async-to-llvm", "::mlir::ModuleOp"> {
  let summary = "Lower xsmt_async barrier ops to runtime calls";
  let description = [{
    `mbarrier_alloc` -> `spine_mbarrier_alloc`, `mbarrier_release` ->
    `spine_mbarrier_release`, `mbarrier_arrive` -> `speir_mbarrier_arrive`,
    `mbarrier_wait` -> `speir_mbarrier_wait` (runtime/include/speir/abi.h);
    handles are the barrier pointers as i64. `xsmt_async.grid` becomes the
    enclosing kernel's program-id argument.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect", "::mlir::arith::ArithDialect"];
}

def ConvertSpeIRToLLVM : Pass<"convert-speir-to-llvm", "::mlir::ModuleOp"> {
  let summary = "Lower SpeIR ops to runtime calls";
  let description = [{
    Runs after bufferization, before the final conversion to the LLVM
    dialect. Each `speir.parallel` is outlined into a private function
    `<parent>_parallel_<n>(ctx, begin, end)` that loops over its range of the
    row-major linearized grid (an `scf.for`, delinearized with remainders),
    where `ctx` points at a struct holding the values the body uses from
    above (in their LLVM form) and the grid's inner extents; the op becomes a
    call of `speir_parallel_for_range(volume, 0, body, ctx)`, one call per
    chunk rather than per point. A `concurrent` region is outlined per point,
    `<parent>_parallel_<n>(ctx, ivs)`, and dispatched through
    `speir_parallel_for_concurrent(rank, sizes, body, ctx)`. A non-zero
    status aborts with a message. Nested regions are outlined innermost
    first. Then one conversion pattern per op (`ConvertOpToLLVMPattern`s
    over the `LLVMTypeConverter`, reading each memref operand's
    `MemRefDescriptor`; sizes and strides the type knows are constants):
    `speir.conv2d` and `speir.pool2d` become `speir_conv2d` /
    `speir_pool2d` calls with a stack descriptor of sizes and strides;
    `speir.gemm`, `speir.mmt4d`, `speir.pack` and `speir.unpack` become calls
    of `speir_gemm[_batched|_fused]`, `speir_mmt4d`, `speir_pack_lhs` and
    `speir_unpack_acc` on the views' pointers, sizes and strides. Ops that
    have no runtime kernel (element types, layouts) are all reported before
    any is converted. The memref operands reach the patterns through
    `unrealized_conversion_cast`s that fold away once the surrounding code is
    in the LLVM dialect.
    The module's `speir.target` attribute is removed at the end, since LLVM IR
    has no place for it.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect", "::mlir::arith::ArithDialect",
                           "::mlir::cf::ControlFlowDialect", "::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect", "::mlir::scf::SCFDialect"];
}

def ConvertSCFForallToSpeIR : Pass<"convert-scf-forall-to-speir"> {
  let summary = "Turn bufferized scf.forall loops into speir.parallel regions";
  let description = [{
    The frontend's `smt.parallel(..., bind_sub_block=True)` arrives as
    `scf.forall`. After bufferization (no results left), each forall becomes a
    `speir.parallel` over its normalized trip counts; the body recomputes
    `lb + i * step`. Mapping attributes are dropped. A body that arrives at
    or waits on an xsmt_async mbarrier makes the region `concurrent` (all
    sub-blocks co-run, or they would deadlock). A forall that still has
    results (tensor semantics) is an error: bufferize first.
  }];
  let dependentDialects = ["::mlir::speir::SpeIRDialect", "::mlir::arith::ArithDialect",
                           "::mlir::affine::AffineDialect"];
}

def ConvertLinalgToSpeIR : Pass<"convert-linalg-to-speir", "::mlir::func::FuncOp"> {
  let summary = "Map bufferized contractions onto SpeIR microkernel ops";
  let description = [{
    On memrefs: `linalg.matmul` (also with transposed indexing maps),
    `linalg.batch_matmul` and a `linalg.generic` that is a matmul
    (`out + ext(a) * ext(b)`) become `speir.gemm`; `linalg.mmt4d` becomes
    `speir.mmt4d`. A `linalg.fill` of zero that only initializes the result
    turns into overwrite mode instead of being executed. Contractions of
    other element types, or on views without a unit stride, stay in Linalg.
  }];
  let dependentDialects = ["::mlir::speir::SpeIRDialect"];
}

def ConvertLinalgConvToSpeIR : Pass<"convert-linalg-conv-to-speir", "::mlir::func::FuncOp"> {
  let summary = "Map Linalg convolutions and pooling onto speir.conv2d / speir.pool2d on tensors";
  let description = [{
    Before bufferization: `linalg.conv_2d_nhwc_hwcf`, `linalg.conv_2d_nhwc_fhwc`,
    `linalg.conv_2d_nchw_fchw`,
    `linalg.depthwise_conv_2d_nhwc_hwc`, `linalg.depthwise_conv_2d_nchw_chw`,
    `linalg.pooling_nhwc_{max,min,sum}` and `linalg.pooling_nchw_{max,sum}`
    with element types the runtime serves become `speir.conv2d` /
    `speir.pool2d`. A `tensor.pad` producing the input is folded into the
    op's padding when it pads only the spatial dimensions, by static amounts,
    with the reduction's neutral value (zero for convolutions and sums,
    -inf / +inf for float max / min). A `linalg.fill` of the neutral value
    producing the init turns into overwrite mode. Other forms (unsigned or
    quantized variants, grouped layouts, dynamic windows) stay in Linalg and
    take the generic path.
  }];
  let dependentDialects = ["::mlir::speir::SpeIRDialect", "::mlir::tensor::TensorDialect"];
}

def ConvertLinalgPackToSpeIR : Pass<"convert-linalg-pack-to-speir", "::mlir::func::FuncOp"> {
  let summary = "Map 2-D linalg.pack / linalg.unpack onto SpeIR before bufferization";
  let description = [{
    One-shot bufferization cannot bufferize `linalg.pack`/`linalg.unpack`.
    Each 2-D <-> 4-D one becomes a fresh buffer filled by `speir.pack` /
    `speir.unpack` from the source's buffer (`bufferization.to_buffer`),
    returned to tensor land with `bufferization.to_tensor restrict`. Forms
    the runtime has no kernel for (other ranks, dynamic tiles, inner tiles
    ordered unlike the outer dimensions) are left for
    `--speir-decompose-linalg`.
  }];
  let dependentDialects = ["::mlir::speir::SpeIRDialect", "::mlir::bufferization::BufferizationDialect",
                           "::mlir::memref::MemRefDialect", "::mlir::tensor::TensorDialect"];
}

def VerifyLLVMLowering : Pass<"spine-verify-llvm-lowering", "::mlir::ModuleOp"> {
  let summary = "Fail, naming the op, when anything is left outside the LLVM dialect";
  let description = [{
    The last step of both pipelines: mlir-translate accepts only the LLVM
    dialect, so an op no earlier pass lowered is an error here, with its
    location and name, instead of a failure in a later tool.
  }];
}

def ExpandArithForLLVM : Pass<"spine-expand-arith-for-llvm"> {
  let summary = "Expand the arith ops convert-arith-to-llvm cannot lower";
  let description = [{
    Upstream's arith-expand (with bf16) but for float min/max: ceil/floor
    divisions, scaling conversions and bf16 <-> f32 conversions become
    integer arithmetic; f16/bf16 minimumf/maximumf/minnumf/maxnumf become
    compares and selects. f32 and f64 min/max are left for
    convert-arith-to-llvm, whose llvm.maxnum/minnum/maximum/minimum lower to
    one to three instructions where the compare/select form takes five.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::vector::VectorDialect"];
}

def LegalizeBF16VectorMemory : Pass<"spine-legalize-bf16-vector-memory", "::mlir::ModuleOp"> {
  let summary = "Load and store odd-length bf16 vectors as i16 vectors";
  let description = [{
    LLVM 22's x86 backend aborts on a load or store of a bf16 vector whose
    length is not a power of two (the tail of a vectorized bf16 copy or
    epilogue, e.g. <9 x bfloat>). This rewrites each such llvm.load and
    llvm.store into the i16 vector of the same length and an llvm.bitcast:
    the same bits, a type every backend legalizes.
  }];
}


def ConvertTritonToLinalg : Pass<"convert-triton-to-linalg", "::mlir::ModuleOp"> {
  let summary = "Lower Triton IR (tt dialect) to the frontend's linalgdir form";
  let description = [{
    Each `tt.func` becomes a `func.func` with the linalgdir kernel ABI:
    `!tt.ptr<T>` arguments become `memref<*xT>`, scalars stay, and six i32
    arguments `gridX, gridY, gridZ, pidX, pidY, pidZ` are appended
    (`tt.get_num_programs` / `tt.get_program_id` read them).

    Pointers are not materialized. A pointer analysis follows
    splat/make_range/addptr/broadcast/expand_dims/trans chains (and
    `scf.for`/`scf.if`/`scf.while` pointer values) and describes every
    pointer tensor as a base argument plus an offset and one stride per
    dimension; block pointers (`tt.make_tensor_ptr`, `tt.advance`) carry
    their per-dimension offsets and bounds. Loads and stores of such
    pointers become `memref.reinterpret_cast` views; masks of the form
    `offsets < bound` (and `>=`, conjunctions, broadcasts) and boundary
    checks become sub-views of the valid box, with `other`/padding filled
    into the rest. Anything else (indirect or wrapped offsets, masks that
    are not boxes) takes a correct element-wise gather/scatter path.

    `tt.dot` becomes `linalg.matmul`/`linalg.batch_matmul` accumulating into
    its `c` operand; `tt.reduce` becomes `linalg.reduce` with the combiner
    region (identity-initialized for the usual single-op combiners);
    `tt.scan` a loop over the scanned axis; shape ops become tensor/linalg
    ops; atomics `memref.atomic_rmw`/`memref.generic_atomic_rmw`;
    `tt.print`/`tt.assert` calls into libSpineTritonRuntime. Elementwise
    arith/math on tensors are left for `convert-elementwise-to-linalg`.
    An op this pass does not handle is an error naming the op, at its
    location. A module without `tt.func` is left unchanged.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::bufferization::BufferizationDialect",
                           "::mlir::func::FuncDialect", "::mlir::linalg::LinalgDialect",
                           "::mlir::LLVM::LLVMDialect", "::mlir::math::MathDialect",
                           "::mlir::memref::MemRefDialect", "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect", "::mlir::vector::VectorDialect"];
}


def MarkUnobservedWraps : Pass<"spine-mark-unobserved-wraps", "::mlir::ModuleOp"> {
  let summary = "Mark the loads whose wrapped rows no store keeps";
  let description = [{
    Triton's tutorial matmul wraps its block rows, `(pid_m * BLOCK_M +
    arange(BLOCK_M)) % M`, and stores only the rows `< M` of the unwrapped
    offsets. A `tt.load` whose address depends on exactly one tensor
    `arith.remsi %r, %m` (%m uniform) is marked `spine.unobserved_wrap = d`
    (d the dimension the remainder indexes) when every use of the loaded
    value keeps positions along d apart (element-wise ops other than integer
    division, broadcasts of other dimensions, expand_dims, loop-carried and
    branch-yielded values, tt.dot's A rows, B columns and accumulator) and
    ends as the value of `tt.store`s whose masks have a conjunct `%r < %m`
    along d. convert-triton-to-linalg then copies only the rows before the
    wrap (when the start is not negative) instead of gathering the repeated
    rows when BLOCK_M > M. Only marks; run before convert-triton-to-linalg.
  }];
}


def FuseTritonElementwise : Pass<"spine-fuse-triton-elementwise", "::mlir::func::FuncOp"> {
  let summary = "Fuse the element-wise Linalg chains of converted Triton kernels";
  let description = [{
    Triton computes element-wise chains op by op on whole blocks. Fused
    producer into consumer (upstream's element-wise fusion), a chain makes
    one pass over the block and leaves no temporaries, in particular no
    i1 mask tensors in memory. Ops whose bodies read or write memory or
    hold regions (the gathers and scatters of unstructured accesses) are
    neither fused nor fused into. Afterwards an element-wise op that writes
    a fresh tensor it never reads writes into one of its inputs of the same
    type, so that a loop's accumulator (`acc += x`) is updated in place
    rather than reallocated every iteration.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect"];
}


def NarrowToStore : Pass<"spine-narrow-to-store", "::mlir::func::FuncOp"> {
  let summary = "Compute a masked store's contraction only on the block it stores";
  let description = [{
    convert-triton-to-linalg versions a masked store of a block by its valid
    extent (rows and columns known when the kernel runs): the whole block
    when it is valid, else a leading slice of it. When the stored value is a
    linalg.matmul / batch_matmul, possibly through element-wise Linalg ops
    each read by one op, only the slice's form is kept (it stores the same
    elements when the block is whole) and the slice is bubbled up through
    the element-wise ops and the contraction (upstream's
    bubble-up-extract-slice pattern; a sliced splat initial value becomes a
    fill). The contraction then computes only the stored rows and columns
    (a decode step's M = 1 row instead of BLOCK_M), and its operands are
    leading slices of the loads, which speir-forward-loads reads in place.

    A value stored in several versions of the destination (its inner
    stride 1 or not), or yielded by an scf.if (spine-raise-dot-k-loop's
    guard: the contraction in its then branch), keeps its stores, so that a
    whole block keeps its static store: the contraction computes the stored
    slice only, inserted into an empty tensor of the block's shape (the
    elements outside the slice are never stored).
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect", "::mlir::affine::AffineDialect"];
}

def RaiseDotKLoop : Pass<"spine-raise-dot-k-loop", "::mlir::func::FuncOp"> {
  let summary = "Raise a tt.dot K loop to one contraction over all of K";
  let description = [{
    After convert-triton-to-linalg, Triton's matmul K loop loads an A and a
    B block per iteration (an allocation filled from a reinterpret_cast
    view, zero fill and partial copy when masked) and accumulates their
    linalg.matmul into a loop-carried tensor. When the views' offsets are
    iter_args advanced by BLOCK_K times the K stride each iteration (or
    such an iter_arg plus a loop-invariant displacement, as a wrapped
    block's second segment has), the loads depend on nothing else of the
    iteration, and the accumulator is read only by the matmul, the loop
    becomes its loads widened along K, before it (an A panel BLOCK_M x K and
    a B panel K x BLOCK_N, K = BLOCK_K x trip count, with the loop's masks
    and versioning), and one linalg.matmul of the two panels into the
    accumulator's initial value: the runtime sees one GEMM per program
    instead of one per K step, speir-forward-loads can read the panels in
    place, and the epilogue after the loop can be fused.

    A mask along K as Triton's tutorial writes it (`offs_k < K - k *
    BLOCK_K`: each iteration copies a prefix of clamp(K - k * BLOCK_K, 0,
    BLOCK_K) columns) is the prefix of clamp(K, 0, K_total) columns of the
    panel, the rest keeping the fill; a test of whether a block is whole
    along K becomes a test of whether the panel is. A load versioned by the
    TTIR conversion (an scf.if marked `spine.version`) whose one branch
    cannot be widened keeps the other: its general (else) branch, right for
    every condition, or its fast (then) branch when the condition is
    loop-invariant, which then guards the raised form: an scf.if on it
    yields the raised product, or runs the loop, kept in its else branch
    (the tutorial's `% M` rows gather when BLOCK_M > M). Other loops are
    left alone (loop-invariant code motion aside).
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect", "::mlir::scf::SCFDialect",
                           "::mlir::bufferization::BufferizationDialect"];
}


def TTIRCleanup : Pass<"spine-ttir-cleanup", "::mlir::ModuleOp"> {
  let summary = "Tidy the Linalg that convert-triton-to-linalg produced";
  let description = [{
    Runs only on a module that convert-triton-to-linalg converted (it marks
    it with the unit attribute `spine.from_ttir`, removed here), so that a
    linalgdir module from the frontend goes through the e2e pipelines
    unchanged. Then, as a nested pipeline: lift-cf-to-scf (early returns),
    convert-elementwise-to-linalg, spine-fuse-triton-elementwise,
    canonicalize, cse, and control-flow-sink (mask and offset tensors that
    only a load's masked or gather fallback reads move into that branch).
  }];
}

#endif // SPINE_CONVERSION_PASSES_TD

#ifndef SPINE_DIALECT_SPEIR_IR_SPEIROPS_TD
#define SPINE_DIALECT_SPEIR_IR_SPEIROPS_TD

include "spine/Dialect/SpeIR/IR/SpeIRDialect.td"
include "spine/Dialect/SpeIR/IR/SpeIRAttrs.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/DestinationStyleOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"

//===- Parallel regions ---------------------------------------------------===//

def SpeIR_ParallelOp : SpeIR_Op<"parallel", [
    SingleBlockImplicitTerminator<"::mlir::speir::YieldOp">,
    RecursiveMemoryEffects]> {
  let summary = "A region run once per point of a 1-3-D grid by the runtime";
  let description = [{
    Executes the body once for every point `(%i, ...)` of the grid
    `[0, %n) x ...` on the runtime's thread pool; the op completes when every
    point has run. Points may run concurrently and in any order, so the body
    must not depend on the order (it may synchronize through mbarriers).
    Lowering outlines the body into a function over a chunk `[begin, end)`
    of the row-major linearized grid and calls `speir_parallel_for_range`
    (runtime/include/speir/abi.h).

    With `concurrent`, every point runs at the same time on a thread of its
    own (`speir_parallel_for_concurrent`), so points may wait for each other
    through mbarriers, as the frontend's `bind_sub_block` regions do.

    ```mlir
    speir.parallel (%i, %j) in (%m, %n) {
      ...
    }
    speir.parallel (%sb) in (%c4) concurrent {
      ...
    }
    ```
  }];
  let arguments = (ins Variadic<Index>:$upperBounds, UnitAttr:$concurrent);
  let regions = (region SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::mlir::ValueRange":$upperBounds)>
  ];
  let extraClassDeclaration = [{
    unsigned getRank() { return getUpperBounds().size(); }
    ::mlir::Block::BlockArgListType getInductionVars() {
      return getBody().front().getArguments();
    }
  }];
}

def SpeIR_YieldOp : SpeIR_Op<"yield", [
    Pure, Terminator, ReturnLike, HasParent<"::mlir::speir::ParallelOp">]> {
  let summary = "Terminates a speir.parallel body";
  let assemblyFormat = "attr-dict";
}

//===- Microkernel ops on packed tiles ------------------------------------===//

def SpeIR_Mmt4dOp : SpeIR_Op<"mmt4d"> {
  let summary = "Packed-tile matrix multiply with transposed rhs tiles";
  let description = [{
    `acc[m1, n1, m0, n0] (+)= sum over k1, k0 of
        lhs[m1, k1, m0, k0] * rhs[n1, k1, n0, k0]`,
    the layout of upstream `linalg.mmt4d`: the rhs inner tile is stored
    N0 x K0 (transposed), which is also IME's B layout. Without
    `accumulate`, `acc` is overwritten. Integer operands are sign-extended
    unless `lhs_unsigned` / `rhs_unsigned` is set.

    Supported element types (lhs, rhs, acc): (f32, f32, f32),
    (f16, f16, f32), (f16, f16, f16), (i8, i8, i32). Inner tiles must be
    static; outer dimensions may be dynamic and strided.

    ```mlir
    speir.mmt4d %lhs, %rhs into %acc accumulate
        : memref<?x?x8x1xf32>, memref<?x?x8x1xf32> into memref<?x?x8x8xf32>
    ```
  }];
  let arguments = (ins
    Arg<MemRefRankOf<[AnyType], [4]>, "packed lhs", [MemRead]>:$lhs,
    Arg<MemRefRankOf<[AnyType], [4]>, "packed rhs", [MemRead]>:$rhs,
    Arg<MemRefRankOf<[AnyType], [4]>, "packed accumulator", [MemRead, MemWrite]>:$acc,
    UnitAttr:$accumulate,
    UnitAttr:$lhs_unsigned,
    UnitAttr:$rhs_unsigned
  );
  let assemblyFormat = [{
    $lhs `,` $rhs `into` $acc (`accumulate` $accumulate^)?
    (`lhs_unsigned` $lhs_unsigned^)? (`rhs_unsigned` $rhs_unsigned^)? attr-dict
    `:` type($lhs) `,` type($rhs) `into` type($acc)
  }];
  let hasVerifier = 1;
}

def SpeIR_GemmOp : SpeIR_Op<"gemm", [AttrSizedOperandSegments]> {
  let summary = "Strided (batched) matrix multiply served by the runtime's GEMM";
  let description = [{
    `c (+)= a * b` on 2-D (or, batched, 3-D) memrefs: a is M x K, b is K x N,
    c is M x N (each with a leading batch dimension when batched). Operands
    may be strided views whose innermost or second-innermost stride is 1; a
    view with unit stride in the second-innermost dimension is read as a
    transposed matrix. Without `accumulate`, `c` is overwritten (not read).
    Element types and signedness as for `speir.mmt4d`. The runtime blocks,
    packs and threads it (`speir_gemm`, `speir_gemm_batched`).

    ```mlir
    speir.gemm %a, %b into %c : memref<16x64xf32>, memref<64x16xf32> into memref<16x16xf32>
    ```

    **Epilogue** (2-D only). With `out`, the runtime applies, while each C
    tile is still in registers (`speir_gemm_fused`), in this order:
    `v = acc`; `v = f32(v) * scale` (`scale`, f32, broadcast `scalar`,
    `per_row` = along M or `per_col` = along N); `v = v + bias` (`bias`,
    broadcast likewise); `v = activation(v)` (`relu`, `silu`, `gelu_tanh`,
    `gelu_erf`); `v = v + residual[m, n]`; `out[m, n] = convert(v)`. The
    value type is f32 when the accumulator is a float or a scale is given,
    else i32 (then only `relu`, and the output is i32 or i8). Bias and
    residual have the output's element type (bias i32 for an i32 value
    type). `out` may be `c` (same element type) or `residual`. Without a
    materialized C (`c` absent, `acc_type` gives the accumulator type), the
    product lives only in registers; `accumulate` then is not allowed.

    ```mlir
    speir.gemm %a, %b acc_type(f32) bias(%bias : memref<16xf32>, per_col)
        activation(silu) out(%o : memref<16x16xf16>)
        : memref<16x64xf32>, memref<64x16xf32>
    ```
  }];
  let arguments = (ins
    Arg<AnyStridedMemRef, "lhs", [MemRead]>:$a,
    Arg<AnyStridedMemRef, "rhs", [MemRead]>:$b,
    Arg<Optional<AnyStridedMemRef>, "accumulator", [MemRead, MemWrite]>:$c,
    Arg<Optional<AnyStridedMemRef>, "epilogue scale", [MemRead]>:$scale,
    Arg<Optional<AnyStridedMemRef>, "epilogue bias", [MemRead]>:$bias,
    Arg<Optional<AnyStridedMemRef>, "epilogue residual", [MemRead]>:$residual,
    Arg<Optional<AnyStridedMemRef>, "epilogue output", [MemWrite]>:$out,
    OptionalAttr<TypeAttr>:$acc_type,
    UnitAttr:$accumulate,
    UnitAttr:$lhs_unsigned,
    UnitAttr:$rhs_unsigned,
    OptionalAttr<SpeIR_EpilogueBroadcast>:$scale_kind,
    OptionalAttr<SpeIR_EpilogueBroadcast>:$bias_kind,
    OptionalAttr<SpeIR_EpilogueActivation>:$activation
  );
  let assemblyFormat = [{
    $a `,` $b (`into` $c^)? (`acc_type` `(` $acc_type^ `)`)?
    (`accumulate` $accumulate^)?
    (`lhs_unsigned` $lhs_unsigned^)? (`rhs_unsigned` $rhs_unsigned^)?
    (`scale` `(` $scale^ `:` type($scale) `,` $scale_kind `)`)?
    (`bias` `(` $bias^ `:` type($bias) `,` $bias_kind `)`)?
    (`activation` `(` $activation^ `)`)?
    (`residual` `(` $residual^ `:` type($residual) `)`)?
    (`out` `(` $out^ `:` type($out) `)`)?
    attr-dict `:` type($a) `,` type($b) (`into` type($c)^)?
  }];
  let hasVerifier = 1;
  let builders = [
    // The plain product `c (+)= a * b`, without epilogue.
    OpBuilder<(ins "::mlir::Value":$a, "::mlir::Value":$b, "::mlir::Value":$c), [{
      build($_builder, $_state, a, b, c, ::mlir::Value(), ::mlir::Value(),
            ::mlir::Value(), ::mlir::Value(), ::mlir::TypeAttr(),
            ::mlir::UnitAttr(), ::mlir::UnitAttr(), ::mlir::UnitAttr(),
            ::mlir::speir::EpilogueBroadcastAttr(),
            ::mlir::speir::EpilogueBroadcastAttr(),
            ::mlir::speir::EpilogueActivationAttr());
    }]>
  ];
  let extraClassDeclaration = [{
    bool isBatched() { return getA().getType().getRank() == 3; }
    bool hasEpilogue() { return static_cast<bool>(getOut()); }
    /// The accumulator's element type: c's, or acc_type without c.
    ::mlir::Type getAccElementType();
  }];
}

def SpeIR_PackOp : SpeIR_Op<"pack"> {
  let summary = "Pack a 2-D matrix into 4-D tiles";
  let description = [{
    Same semantics as `linalg.pack` for a 2-D source on memrefs: the source
    dimension `inner_dims_pos[i]` is tiled by the static size of destination
    dimension `2 + i`; the outer (tile-count) dimensions are permuted by
    `outer_dims_perm`. Tail tiles are filled with `padding_value` (zero when
    absent). The layouts `linalg.mmt4d` wants:

    - lhs `[M1, K1, M0, K0]` from `M x K`: `inner_dims_pos = [0, 1]`
    - rhs `[N1, K1, N0, K0]` from `K x N`: `outer_dims_perm = [1, 0]`,
      `inner_dims_pos = [1, 0]`
    - acc `[M1, N1, M0, N0]` from `M x N`: `inner_dims_pos = [0, 1]`

    ```mlir
    speir.pack %b outer_dims_perm = [1, 0] inner_dims_pos = [1, 0] into %pb
        : memref<64x48xf32> -> memref<6x64x8x1xf32>
    ```
  }];
  let arguments = (ins
    Arg<MemRefRankOf<[AnyType], [2]>, "source matrix", [MemRead]>:$source,
    Arg<MemRefRankOf<[AnyType], [4]>, "packed destination", [MemWrite]>:$dest,
    Optional<AnyType>:$padding_value,
    DefaultValuedAttr<DenseI64ArrayAttr, "{0, 1}">:$outer_dims_perm,
    DenseI64ArrayAttr:$inner_dims_pos
  );
  let assemblyFormat = [{
    $source (`padding_value` `(` $padding_value^ `:` type($padding_value) `)`)?
    `outer_dims_perm` `=` $outer_dims_perm
    `inner_dims_pos` `=` $inner_dims_pos `into` $dest attr-dict
    `:` type($source) `->` type($dest)
  }];
  let hasVerifier = 1;
}

def SpeIR_UnpackOp : SpeIR_Op<"unpack"> {
  let summary = "Unpack 4-D tiles into a 2-D matrix";
  let description = [{
    The inverse of `speir.pack` (and `linalg.unpack` on memrefs): writes the
    destination matrix from its tiles, dropping the padding of tail tiles.

    ```mlir
    speir.unpack %pc outer_dims_perm = [0, 1] inner_dims_pos = [0, 1] into %c
        : memref<8x6x8x8xf32> -> memref<64x48xf32>
    ```
  }];
  let arguments = (ins
    Arg<MemRefRankOf<[AnyType], [4]>, "packed source", [MemRead]>:$source,
    Arg<MemRefRankOf<[AnyType], [2]>, "destination matrix", [MemWrite]>:$dest,
    DefaultValuedAttr<DenseI64ArrayAttr, "{0, 1}">:$outer_dims_perm,
    DenseI64ArrayAttr:$inner_dims_pos
  );
  let assemblyFormat = [{
    $source `outer_dims_perm` `=` $outer_dims_perm
    `inner_dims_pos` `=` $inner_dims_pos `into` $dest attr-dict
    `:` type($source) `->` type($dest)
  }];
  let hasVerifier = 1;
}

//===- Convolution and pooling --------------------------------------------===//

class SpeIR_WindowOp<string mnemonic> : SpeIR_Op<mnemonic, [
    DestinationStyleOpInterface,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let results = (outs Variadic<AnyRankedTensor>:$result);
  let hasVerifier = 1;
  code windowClassDeclaration = [{
    ::mlir::MutableOperandRange getDpsInitsMutable() {
      return getInitMutable();
    }
    bool isNchw() {
      return ::mlir::speir::stringifyEnum(getLayout()).starts_with("nchw");
    }
  }];
}

def SpeIR_Conv2DOp : SpeIR_WindowOp<"conv2d"> {
  let summary = "2-D convolution served by the runtime (speir_conv2d)";
  let description = [{
    `init[n, oy, ox, f] (+)= sum over ky, kx, c of
        input[n, oy*s0 - p0 + ky*d0, ox*s1 - p1 + kx*d1, c] * filter[ky, kx, c, f]`
    (written for NHWC/HWCF) with `strides = [s0, s1]`, `dilations = [d0, d1]`
    and `padding = [p0, p1]` (top, left): input rows and columns outside the
    input read as zero, so bottom/right padding follows from the output size.
    Integer operands are sign-extended. Without `accumulate`, `init` is
    overwritten (not read).

    `layout` names the operand layouts:
    - `nhwc_hwcf`: input N x H x W x C, filter KH x KW x C x F, init N x OH x OW x F
    - `nchw_fchw`: input N x C x H x W, filter F x C x KH x KW, init N x F x OH x OW
    - `nhwc_fhwc`: input N x H x W x C, filter F x KH x KW x C, init N x OH x OW x F
    - `nhwc_hwc`: depthwise, filter KH x KW x C, init N x OH x OW x C
    - `nchw_chw`: depthwise, filter C x KH x KW, init N x C x OH x OW

    Element types (input, filter) -> init: (f32, f32) -> f32,
    (f16, f16) -> f32 or f16, (i8, i8) -> i32. On tensors the op is
    destination-style (one result, bufferized in place of `init`); on
    memrefs it has no result and lowers to a `speir_conv2d` call.

    ```mlir
    %r = speir.conv2d "nhwc_hwcf" ins(%x, %w : tensor<1x56x56x64xf32>, tensor<3x3x64x64xf32>)
        outs(%init : tensor<1x56x56x64xf32>) strides = [1, 1] dilations = [1, 1]
        padding = [1, 1] -> tensor<1x56x56x64xf32>
    ```
  }];
  let arguments = (ins
    AnyShaped:$input, AnyShaped:$filter, AnyShaped:$init,
    SpeIR_ConvLayout:$layout, DenseI64ArrayAttr:$strides,
    DenseI64ArrayAttr:$dilations, DenseI64ArrayAttr:$padding,
    UnitAttr:$accumulate
  );
  let assemblyFormat = [{
    custom<QuotedEnum>($layout) `ins` `(` $input `,` $filter `:` type($input) `,` type($filter) `)`
    `outs` `(` $init `:` type($init) `)`
    `strides` `=` $strides `dilations` `=` $dilations `padding` `=` $padding
    (`accumulate` $accumulate^)? attr-dict (`->` type($result)^)?
  }];
  let extraClassDeclaration = windowClassDeclaration # [{
    /// Where the logical dimensions of a layout live: input and init
    /// (n, y, x, c), filter (ky, kx, c, f), with the filter's c = -1 for the
    /// depthwise layouts (no channel-in-group dimension). The verifier and
    /// the lowering both read this.
    struct LayoutDims {
      std::array<int, 4> io;
      std::array<int, 4> filter;
    };
    static LayoutDims getLayoutDims(ConvLayout layout);
    bool isDepthwise() { return getLayoutDims(getLayout()).filter[2] < 0; }
  }];
}

def SpeIR_Pool2DOp : SpeIR_WindowOp<"pool2d"> {
  let summary = "2-D max/min/sum pooling served by the runtime (speir_pool2d)";
  let description = [{
    `init[n, oy, ox, c] = combine(init[n, oy, ox, c] (with accumulate),
        reduce over ky < KH, kx < KW of
        input[n, oy*s0 - p0 + ky*d0, ox*s1 - p1 + kx*d1, c])`
    (written for NHWC) where `kind` (`max`, `min`, `sum`) gives the
    reduction, `window = [KH, KW]`, and positions outside the input are
    skipped (max/min) or read as zero (sum). Without `accumulate` the result
    is the window's reduction alone. `layout` is `nhwc` or `nchw`.
    Element types input -> init: f32 -> f32, f16 -> f16 or f32, i8 -> i32
    (sign-extended). Destination-style on tensors like `speir.conv2d`.

    ```mlir
    speir.pool2d "max" "nhwc" ins(%x : memref<1x112x112x64xf32>)
        outs(%y : memref<1x56x56x64xf32>) window = [3, 3] strides = [2, 2]
        dilations = [1, 1] padding = [1, 1]
    ```
  }];
  let arguments = (ins
    AnyShaped:$input, AnyShaped:$init, SpeIR_PoolKind:$kind,
    SpeIR_PoolLayout:$layout,
    DenseI64ArrayAttr:$window, DenseI64ArrayAttr:$strides,
    DenseI64ArrayAttr:$dilations, DenseI64ArrayAttr:$padding,
    UnitAttr:$accumulate
  );
  let assemblyFormat = [{
    custom<QuotedEnum>($kind) custom<QuotedEnum>($layout)
    `ins` `(` $input `:` type($input) `)`
    `outs` `(` $init `:` type($init) `)`
    `window` `=` $window `strides` `=` $strides `dilations` `=` $dilations
    `padding` `=` $padding (`accumulate` $accumulate^)? attr-dict
    (`->` type($result)^)?
  }];
  let extraClassDeclaration = windowClassDeclaration;
}

#endif // SPINE_DIALECT_SPEIR_IR_SPEIROPS_TD

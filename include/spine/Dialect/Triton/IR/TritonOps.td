#ifndef SPINE_DIALECT_TRITON_IR_TRITONOPS_TD
#define SPINE_DIALECT_TRITON_IR_TRITONOPS_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/CallInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/FunctionInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "spine/Dialect/Triton/IR/TritonDialect.td"
include "spine/Dialect/Triton/IR/TritonTypes.td"
include "spine/Dialect/Triton/IR/TritonAttrs.td"

//===----------------------------------------------------------------------===//
// Op base, traits and side-effect resource
//===----------------------------------------------------------------------===//

// Memory reached through !tt.ptr and !tt.tensordesc values.
def TT_GlobalMemory : Resource<"::mlir::triton::GlobalMemory">;

class TT_NativeTrait<string name> : NativeOpTrait<name> {
  let cppNamespace = "::mlir::triton::OpTrait";
}
// Every tensor an op takes or makes has 2^k <= 2^20 elements.
def TT_TensorSizeTrait : TT_NativeTrait<"TensorSizeTrait">;
// Tensor operands (and results) that carry an encoding agree on it.
def TT_SameOperandsEncoding : TT_NativeTrait<"SameOperandsEncoding">;
def TT_SameOperandsAndResultEncoding
    : TT_NativeTrait<"SameOperandsAndResultEncoding">;

class TT_Op<string mnemonic, list<Trait> traits = []>
    : Op<Triton_Dialect, mnemonic, !listconcat(traits, [TT_TensorSizeTrait])>;

// The declarative parser takes `rhs`'s type from `lhs`'s through `transform`;
// the verifier checks the two agree.
class TT_TypeFrom<string summary, string lhs, string rhs, string transform>
    : TypesMatchWith<summary, lhs, rhs, transform>;
class TT_OptionalTypeFrom<string summary, string lhs, string rhs,
                          string transform>
    : OptionalTypesMatchWith<summary, lhs, rhs, transform>;

defvar PointeeOf = "::mlir::triton::getPointeeType($_self)";
defvar MaskOf =
    "::mlir::triton::getI1SameShape(::mlir::triton::getPointeeType($_self))";

//===----------------------------------------------------------------------===//
// Casts
//===----------------------------------------------------------------------===//

def TT_IntToPtrOp : TT_Op<"int_to_ptr", [Pure, Elementwise,
    SameOperandsAndResultShape, TT_SameOperandsAndResultEncoding]> {
  let summary = "reinterpret 64-bit integers as pointers";
  let arguments = (ins TT_I64Like:$src);
  let results = (outs TT_PtrLike:$result);
  let assemblyFormat = "$src attr-dict `:` type($src) `->` type($result)";
}

def TT_PtrToIntOp : TT_Op<"ptr_to_int", [Pure, Elementwise,
    SameOperandsAndResultShape, TT_SameOperandsAndResultEncoding]> {
  let summary = "the 64-bit address a pointer holds";
  let arguments = (ins TT_PtrLike:$src);
  let results = (outs TT_I64Like:$result);
  let assemblyFormat = "$src attr-dict `:` type($src) `->` type($result)";
}

def TT_BitcastOp : TT_Op<"bitcast", [Pure, Elementwise,
    SameOperandsAndResultShape, TT_SameOperandsAndResultEncoding]> {
  let summary = "reinterpret the bits of each element";
  let description = [{
    Integers and floats convert to types of the same bit width; pointers
    convert only to pointers in the same address space (this is also how
    Triton changes a pointer's pointee type). Unlike `arith.bitcast` it
    accepts pointers.
  }];
  let arguments = (ins TT_Type:$src);
  let results = (outs TT_Type:$result);
  let assemblyFormat = "$src attr-dict `:` type($src) `->` type($result)";
  let hasVerifier = 1;
}

def TT_FpToFpOp : TT_Op<"fp_to_fp", [Pure, Elementwise,
    SameOperandsAndResultShape, TT_SameOperandsAndResultEncoding]> {
  let summary = "convert between float formats, with an explicit rounding";
  let description = [{
    Used for the conversions `arith` does not express: to and from the fp8
    formats, and narrowing conversions with a chosen rounding mode. A
    narrowing conversion must name its rounding (`rounding = rtne` or
    `rounding = rtz`); widening ones are exact and have none.
  }];
  let arguments = (ins TT_FloatLike:$src,
                       OptionalAttr<TT_RoundingModeAttr>:$rounding);
  let results = (outs TT_FloatLike:$result);
  let assemblyFormat = [{
    $src attr-dict (`,` `rounding` `=` $rounding^)? `:` type($src) `->`
    type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise arithmetic
//===----------------------------------------------------------------------===//

def TT_ClampFOp : TT_Op<"clampf", [Pure, Elementwise,
    SameOperandsAndResultType]> {
  let summary = "clamp floats to [min, max]";
  let description = [{
    `propagateNan = all` returns NaN where any input is NaN; with `none` a
    NaN `x` yields one of the bounds.
  }];
  let arguments = (ins TT_FloatLike:$x, TT_FloatLike:$min, TT_FloatLike:$max,
                       TT_PropagateNanAttr:$propagateNan);
  let results = (outs TT_FloatLike:$result);
  let assemblyFormat = [{
    $x `,` $min `,` $max `,` `propagateNan` `=` $propagateNan attr-dict `:`
    type($result)
  }];
}

def TT_PreciseSqrtOp : TT_Op<"precise_sqrt", [Pure, Elementwise,
    SameOperandsAndResultType]> {
  let summary = "square root, correctly rounded (tl.sqrt_rn)";
  let arguments = (ins TT_FloatLike:$x);
  let results = (outs TT_FloatLike:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
}

def TT_PreciseDivFOp : TT_Op<"precise_divf", [Pure, Elementwise,
    SameOperandsAndResultType]> {
  let summary = "division, correctly rounded (tl.div_rn)";
  let arguments = (ins TT_FloatLike:$x, TT_FloatLike:$y);
  let results = (outs TT_FloatLike:$result);
  let assemblyFormat = "$x `,` $y attr-dict `:` type($x)";
}

def TT_ApproxDivFOp : TT_Op<"approx_divf", [Pure, Elementwise,
    SameOperandsAndResultType]> {
  let summary = "fast approximate division (tl.fdiv(approx=True))";
  let arguments = (ins TT_FloatLike:$x, TT_FloatLike:$y);
  let results = (outs TT_FloatLike:$result);
  let assemblyFormat = "$x `,` $y attr-dict `:` type($x)";
}

def TT_MulhiUIOp : TT_Op<"mulhiui", [Pure, Elementwise,
    SameOperandsAndResultType]> {
  let summary = "high half of the unsigned double-width product (tl.umulhi)";
  let arguments = (ins TT_IntLike:$x, TT_IntLike:$y);
  let results = (outs TT_IntLike:$result);
  let assemblyFormat = "$x `,` $y attr-dict `:` type($x)";
}

//===----------------------------------------------------------------------===//
// Pointers, loads and stores
//===----------------------------------------------------------------------===//

def TT_AddPtrOp : TT_Op<"addptr", [Pure, Elementwise,
    SameOperandsAndResultShape, TT_SameOperandsAndResultEncoding,
    TT_TypeFrom<"result type is the pointer operand's type",
                "result", "ptr", "$_self">]> {
  let summary = "advance pointers by a number of elements";
  let description = [{
    `%q = tt.addptr %p, %off : tensor<64x!tt.ptr<f32>>, tensor<64xi32>`:
    each pointer moves by `off` elements of its pointee type (not bytes).
  }];
  let arguments = (ins TT_PtrLike:$ptr, TT_IntLike:$offset);
  let results = (outs TT_PtrLike:$result);
  let assemblyFormat = [{
    $ptr `,` $offset attr-dict `:` type($result) `,` type($offset)
  }];
}

def TT_LoadOp : TT_Op<"load", [AttrSizedOperandSegments,
    TT_SameOperandsAndResultEncoding,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
    InferTypeOpAdaptor,
    TT_OptionalTypeFrom<"mask has the shape of ptr and i1 elements",
                        "ptr", "mask", MaskOf>,
    TT_OptionalTypeFrom<"other has the type of the loaded value",
                        "ptr", "other", PointeeOf>]> {
  let summary = "load through a pointer or a tensor of pointers";
  let description = [{
    ```mlir
    %v = tt.load %ptrs, %mask, %other : tensor<128x!tt.ptr<f16>>
    ```

    Only the pointer type is written; the result, `mask` and `other` types
    follow from it. Where `mask` is false nothing is read and the result is
    `other` (undefined without it). `cachePolicy` is a `#tt.cache_policy`;
    a volatile load is never removed or merged.
  }];
  let arguments = (ins TT_PtrLike:$ptr,
                       Optional<TT_BoolLike>:$mask,
                       Optional<TT_Type>:$other,
                       OptionalAttr<TT_AnyCachePolicyAttr>:$cachePolicy,
                       DefaultValuedAttr<BoolAttr, "false">:$isVolatile);
  let results = (outs TT_Type:$result);
  let builders = [
    OpBuilder<(ins "::mlir::Value":$ptr, "bool":$isVolatile)>,
    OpBuilder<(ins "::mlir::Value":$ptr, "::mlir::Value":$mask,
                   "bool":$isVolatile)>,
    OpBuilder<(ins "::mlir::Value":$ptr, "::mlir::Value":$mask,
                   "::mlir::Value":$other, "bool":$isVolatile)>,
  ];
  let assemblyFormat = [{
    $ptr (`,` $mask^)? (`,` $other^)? attr-dict `:` type($ptr)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The cache operator of `cachePolicy` (`none` without one).
    ::mlir::triton::CacheModifier getCache();
    /// The eviction priority of `cachePolicy` (`evict_normal` without one).
    ::mlir::triton::EvictionPolicy getEvict();
  }];
}

def TT_StoreOp : TT_Op<"store", [TT_SameOperandsEncoding,
    MemoryEffects<[MemWrite<TT_GlobalMemory>]>,
    TT_TypeFrom<"value has the pointee type of ptr", "ptr", "value",
                PointeeOf>,
    TT_OptionalTypeFrom<"mask has the shape of ptr and i1 elements",
                        "ptr", "mask", MaskOf>]> {
  let summary = "store through a pointer or a tensor of pointers";
  let description = [{
    ```mlir
    tt.store %ptrs, %value, %mask : tensor<128x!tt.ptr<f16>>
    ```

    Elements whose `mask` is false are not written. `cachePolicy` is a
    `#tt.cache_policy`; `ignore_cta` is a hint for multi-CTA launches that
    spine ignores.
  }];
  let arguments = (ins TT_PtrLike:$ptr,
                       TT_Type:$value,
                       Optional<TT_BoolLike>:$mask,
                       OptionalAttr<TT_AnyCachePolicyAttr>:$cachePolicy,
                       UnitAttr:$ignore_cta);
  let builders = [
    OpBuilder<(ins "::mlir::Value":$ptr, "::mlir::Value":$value)>,
    OpBuilder<(ins "::mlir::Value":$ptr, "::mlir::Value":$value,
                   "::mlir::Value":$mask)>,
  ];
  let assemblyFormat = [{
    $ptr `,` $value (`,` $mask^)? attr-dict `:` type($ptr)
  }];
  let extraClassDeclaration = [{
    /// The cache operator of `cachePolicy` (`none` without one).
    ::mlir::triton::CacheModifier getCache();
    /// The eviction priority of `cachePolicy` (`evict_normal` without one).
    ::mlir::triton::EvictionPolicy getEvict();
  }];
}

//===----------------------------------------------------------------------===//
// Atomics
//===----------------------------------------------------------------------===//

def TT_AtomicRMWOp : TT_Op<"atomic_rmw", [SameOperandsAndResultShape,
    TT_SameOperandsAndResultEncoding,
    MemoryEffects<[MemRead<TT_GlobalMemory>, MemWrite<TT_GlobalMemory>]>]> {
  let summary = "atomic read-modify-write; returns the old values";
  let description = [{
    ```mlir
    %old = tt.atomic_rmw fadd, acq_rel, gpu, %ptrs, %v, %mask
        : (tensor<16x!tt.ptr<f32>>, tensor<16xf32>, tensor<16xi1>) -> tensor<16xf32>
    ```
  }];
  let arguments = (ins TT_AtomicRMWAttr:$atomic_rmw_op, TT_PtrLike:$ptr,
                       TT_Type:$val, Optional<TT_BoolLike>:$mask,
                       TT_MemSemanticAttr:$sem, TT_MemSyncScopeAttr:$scope);
  let results = (outs TT_Type:$result);
  let assemblyFormat = [{
    $atomic_rmw_op `,` $sem `,` $scope `,` $ptr `,` $val (`,` $mask^)?
    attr-dict `:` functional-type(operands, $result)
  }];
  let hasVerifier = 1;
}

def TT_AtomicCASOp : TT_Op<"atomic_cas", [SameOperandsAndResultShape,
    TT_SameOperandsAndResultEncoding,
    MemoryEffects<[MemRead<TT_GlobalMemory>, MemWrite<TT_GlobalMemory>]>]> {
  let summary = "atomic compare-and-swap; returns the old values";
  let description = [{
    Where the value at `ptr` equals `cmp` it is replaced by `val`.
  }];
  let arguments = (ins TT_PtrLike:$ptr, TT_Type:$cmp, TT_Type:$val,
                       TT_MemSemanticAttr:$sem, TT_MemSyncScopeAttr:$scope);
  let results = (outs TT_Type:$result);
  let assemblyFormat = [{
    $sem `,` $scope `,` $ptr `,` $cmp `,` $val attr-dict `:`
    functional-type(operands, $result)
  }];
  let hasVerifier = 1;
}

def TT_AtomicLoadOp : TT_Op<"atomic_load", [TT_SameOperandsAndResultEncoding,
    MemoryEffects<[MemRead<TT_GlobalMemory>, MemWrite<TT_GlobalMemory>]>,
    InferTypeOpAdaptor]> {
  let summary = "atomic load (tl.atomic_load), acquire or relaxed";
  let arguments = (ins TT_PtrLike:$ptr, Optional<TT_BoolLike>:$mask,
                       TT_MemSemanticAttr:$sem, TT_MemSyncScopeAttr:$scope);
  let results = (outs TT_Type:$result);
  let assemblyFormat = [{
    $sem `,` $scope `,` $ptr (`,` $mask^)? attr-dict `:`
    functional-type(operands, $result)
  }];
  let hasVerifier = 1;
}

def TT_AtomicStoreOp : TT_Op<"atomic_store", [TT_SameOperandsEncoding,
    MemoryEffects<[MemRead<TT_GlobalMemory>, MemWrite<TT_GlobalMemory>]>,
    TT_TypeFrom<"value has the pointee type of ptr", "ptr", "value",
                PointeeOf>,
    TT_OptionalTypeFrom<"mask has the shape of ptr and i1 elements",
                        "ptr", "mask", MaskOf>]> {
  let summary = "atomic store (tl.atomic_store), release or relaxed";
  let arguments = (ins TT_PtrLike:$ptr, TT_Type:$value,
                       Optional<TT_BoolLike>:$mask,
                       TT_MemSemanticAttr:$sem, TT_MemSyncScopeAttr:$scope);
  let assemblyFormat = [{
    $sem `,` $scope `,` $ptr `,` $value (`,` $mask^)? attr-dict `:`
    type($ptr)
  }];
  let hasVerifier = 1;
}

def TT_AtomicPollOp : TT_Op<"atomic_poll", [TT_SameOperandsAndResultEncoding,
    MemoryEffects<[MemRead<TT_GlobalMemory>, MemWrite<TT_GlobalMemory>]>,
    InferTypeOpAdaptor]> {
  let summary = "spin until memory holds an expected value (tl.atomic_poll)";
  let description = [{
    Reads `ptr` atomically until it equals `expected` or, with `timeout`,
    until that many nanoseconds passed. The result is true where the
    expected value was seen.
  }];
  let arguments = (ins TT_PtrLike:$ptr, TT_IntLike:$expected,
                       Optional<I64>:$timeout,
                       TT_MemSemanticAttr:$sem, TT_MemSyncScopeAttr:$scope);
  let results = (outs TT_BoolLike:$result);
  let assemblyFormat = [{
    $sem `,` $scope `,` $ptr `,` $expected (`timeout` $timeout^)? attr-dict
    `:` type($ptr) `,` type($expected) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

def TT_SplatOp : TT_Op<"splat", [Pure, SameOperandsAndResultElementType,
    TT_SameOperandsAndResultEncoding]> {
  let summary = "a tensor with every element equal to a scalar";
  let description = [{
    The source is a scalar (or a one-element tensor).
  }];
  let arguments = (ins TT_Type:$src);
  let results = (outs TT_Tensor:$result);
  let assemblyFormat = "$src attr-dict `:` type($src) `->` type($result)";
  let hasVerifier = 1;
}

def TT_UnsplatOp : TT_Op<"unsplat", [Pure,
    InferTypeOpAdaptor]> {
  let summary = "the element of a one-element tensor";
  let arguments = (ins TT_Tensor:$src);
  let results = (outs TT_Type:$result);
  let assemblyFormat = "$src attr-dict `:` type($src)";
  let hasVerifier = 1;
}

def TT_ExpandDimsOp : TT_Op<"expand_dims", [Pure,
    SameOperandsAndResultElementType,
    InferTypeOpAdaptor]> {
  let summary = "insert a unit dimension at `axis`";
  let arguments = (ins TT_Tensor:$src, I32Attr:$axis);
  let results = (outs TT_Tensor:$result);
  let assemblyFormat = "$src attr-dict `:` type($src) `->` type($result)";
}

def TT_ReshapeOp : TT_Op<"reshape", [Pure,
    SameOperandsAndResultElementType]> {
  let summary = "view a tensor with another shape";
  let description = [{
    Elements keep their row-major order, unless `allow_reorder` is set: then
    the order of the elements in the result is unspecified (Triton uses it
    for reductions, where order does not matter). `efficient_layout` is a
    GPU layout hint.
  }];
  let arguments = (ins TT_Tensor:$src, UnitAttr:$allow_reorder,
                       UnitAttr:$efficient_layout);
  let results = (outs TT_Tensor:$result);
  let assemblyFormat = [{
    $src (`allow_reorder` $allow_reorder^)?
    (`efficient_layout` $efficient_layout^)? attr-dict `:` type($src) `->`
    type($result)
  }];
  let extraClassDeclaration = [{
    /// The position of the unit dimension this reshape inserts, when the
    /// result is the source shape with one extra 1; std::nullopt otherwise.
    std::optional<unsigned> getExpandDimsAxis();
  }];
  let hasVerifier = 1;
}

def TT_BroadcastOp : TT_Op<"broadcast", [Pure,
    SameOperandsAndResultElementType, TT_SameOperandsAndResultEncoding]> {
  let summary = "repeat unit dimensions, e.g. 1x32 -> 64x32";
  let arguments = (ins TT_Tensor:$src);
  let results = (outs TT_Tensor:$result);
  let assemblyFormat = "$src attr-dict `:` type($src) `->` type($result)";
  let hasVerifier = 1;
}

def TT_CatOp : TT_Op<"cat", [NoMemoryEffect, SameTypeOperands,
    SameOperandsAndResultElementType]> {
  let summary = "concatenate two tensors of the same type";
  let description = [{
    The result has the elements of both operands; in which order is
    unspecified (Triton's `tl.cat(can_reorder=True)`).
  }];
  let arguments = (ins TT_Tensor:$lhs, TT_Tensor:$rhs);
  let results = (outs TT_Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `->` type($result)
  }];
  let hasVerifier = 1;
}

def TT_JoinOp : TT_Op<"join", [NoMemoryEffect, SameTypeOperands]> {
  let summary = "stack two tensors along a new minor dimension of size 2";
  let arguments = (ins TT_Tensor:$lhs, TT_Tensor:$rhs);
  let results = (outs TT_Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `->` type($result)
  }];
  let hasVerifier = 1;
}

def TT_SplitOp : TT_Op<"split", [NoMemoryEffect,
    InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>,
    TT_TypeFrom<"outLHS and outRHS have the same type",
                "outLHS", "outRHS", "$_self">]> {
  let summary = "split a tensor along its last dimension, of size 2";
  let description = [{
    The inverse of `tt.join`: `src[..., 0]` and `src[..., 1]`.
  }];
  let arguments = (ins TT_Tensor:$src);
  let results = (outs TT_Tensor:$outLHS, TT_Tensor:$outRHS);
  let assemblyFormat = "$src attr-dict `:` type($src) `->` type($outLHS)";
}

def TT_TransOp : TT_Op<"trans", [Pure, SameOperandsAndResultElementType,
    InferTypeOpAdaptor]> {
  let summary = "permute the dimensions of a tensor (tl.trans, tl.permute)";
  let description = [{
    Result dimension `i` is source dimension `order[i]`.
  }];
  let arguments = (ins TT_Tensor:$src, DenseI32ArrayAttr:$order);
  let results = (outs TT_Tensor:$result);
  let assemblyFormat = "$src attr-dict `:` type($src) `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Program ids
//===----------------------------------------------------------------------===//

class TT_GridQueryOp<string mnemonic, string what> : TT_Op<mnemonic, [Pure]> {
  let summary = what # " along one axis of the launch grid";
  let arguments = (ins TT_ProgramDim:$axis);
  let results = (outs I32:$result);
  let assemblyFormat = "$axis attr-dict `:` type($result)";
  let builders = [
    OpBuilder<(ins "int":$axis), [{
      build($_builder, $_state, $_builder.getI32Type(),
            ::mlir::triton::ProgramIDDimAttr::get(
                $_builder.getContext(),
                static_cast<::mlir::triton::ProgramIDDim>(axis)));
    }]>,
  ];
  let extraClassDeclaration = [{
    /// The axis as 0, 1 or 2.
    int32_t getAxisAsInt() { return static_cast<int32_t>(getAxis()); }
  }];
}

def TT_GetProgramIdOp : TT_GridQueryOp<"get_program_id",
                                       "the index of this program">;
def TT_GetNumProgramsOp : TT_GridQueryOp<"get_num_programs",
                                         "the number of programs">;

//===----------------------------------------------------------------------===//
// Matrix products
//===----------------------------------------------------------------------===//

def TT_DotOp : TT_Op<"dot", [Pure,
    InferTypeOpAdaptor,
    TT_TypeFrom<"result has the accumulator's type", "d", "c", "$_self">]> {
  let summary = "matrix product with accumulator: d = a * b + c";
  let description = [{
    `a` is MxK, `b` KxN, `c` and `d` MxN, each optionally with a leading
    batch dimension. `inputPrecision` says how f32 inputs are multiplied
    (`ieee`, the default and not printed; `tf32`, `tf32x3`, `bf16x3`,
    `bf16x6`); `maxNumImpreciseAcc` bounds fp8 accumulation in lower
    precision (0: no bound).
  }];
  let arguments = (ins TT_FpIntTensor:$a, TT_FpIntTensor:$b,
      TT_FpIntTensor:$c,
      DefaultValuedAttr<TT_InputPrecisionAttr,
                        "::mlir::triton::InputPrecision::IEEE">:$inputPrecision,
      DefaultValuedAttr<I32Attr, "0">:$maxNumImpreciseAcc);
  let results = (outs TT_FpIntTensor:$d);
  let assemblyFormat = [{
    $a `,` $b `,` $c (`,` `inputPrecision` `=` $inputPrecision^)? attr-dict
    `:` type($a) `*` type($b) `->` type($d)
  }];
  let hasVerifier = 1;
}

def TT_DotScaledOp : TT_Op<"dot_scaled", [Pure, AttrSizedOperandSegments,
    TT_TypeFrom<"result has the accumulator's type", "d", "c", "$_self">]> {
  let summary = "microscaled matrix product: d = (a * sa) x (b * sb) + c";
  let description = [{
    `a_elem_type`/`b_elem_type` give the operand formats. e2m1 (fp4)
    operands come packed two per i8 along K, or along M/N when
    `lhs_k_pack`/`rhs_k_pack` is false (both default to true and are then
    not printed). A scale tensor holds one scale per 16 or 32 elements of K.
  }];
  let arguments = (ins RankedTensorOf<[TT_Float, I8]>:$a,
      RankedTensorOf<[TT_Float, I8]>:$b,
      TT_FloatTensor:$c,
      Optional<RankedTensorOf<[TT_Float, I8]>>:$a_scale,
      Optional<RankedTensorOf<[TT_Float, I8]>>:$b_scale,
      TT_ScaleDotElemTypeAttr:$a_elem_type,
      TT_ScaleDotElemTypeAttr:$b_elem_type,
      BoolAttr:$fastMath,
      DefaultValuedAttr<BoolAttr, "true">:$lhs_k_pack,
      DefaultValuedAttr<BoolAttr, "true">:$rhs_k_pack);
  let results = (outs TT_FloatTensor:$d);
  let assemblyFormat = [{
    $a (`scale` $a_scale^)? `,` $b (`scale` $b_scale^)? `,` $c
    `lhs` `=` $a_elem_type `rhs` `=` $b_elem_type attr-dict
    `:` type($a) (`,` type($a_scale)^)? `*` type($b) (`,` type($b_scale)^)?
    `->` type($d)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Reductions, scans, mapped regions
//===----------------------------------------------------------------------===//

def TT_ReduceOp : TT_Op<"reduce", [Pure, SameOperandsShape,
    TT_SameOperandsEncoding, SingleBlock,
    InferTypeOpAdaptor]> {
  let summary = "reduce tensors along an axis with a combining region";
  let description = [{
    N tensors of one shape reduce together along `axis`; the region takes
    2N scalars (N accumulated values, then N new ones) and returns N with
    `tt.reduce.return`. Reducing the only dimension gives scalars. Printed
    in the generic form, as Triton prints it.
  }];
  let arguments = (ins Variadic<TT_Tensor>:$srcs, I32Attr:$axis);
  let results = (outs Variadic<TT_Type>:$result);
  let regions = (region SizedRegion<1>:$combineOp);
  let builders = [
    OpBuilder<(ins "::mlir::ValueRange":$srcs, "int":$axis)>,
  ];
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    ::llvm::SmallVector<::mlir::RankedTensorType> getInputTypes();
    ::llvm::SmallVector<::mlir::Type> getElementTypes();
    /// The only op of a one-operand combiner other than its return, when
    /// that op combines the two block arguments in order; else null.
    ::mlir::Operation *getSingleCombiner();
  }];
}

def TT_ReduceReturnOp : TT_Op<"reduce.return", [Pure, Terminator, ReturnLike,
    HasParent<"ReduceOp">]> {
  let summary = "terminator of tt.reduce: the combined values";
  let arguments = (ins Variadic<AnyType>:$result);
  let assemblyFormat = "$result attr-dict `:` type($result)";
}

def TT_ScanOp : TT_Op<"scan", [Pure, SameOperandsAndResultShape,
    TT_SameOperandsAndResultEncoding, SingleBlock,
    InferTypeOpAdaptor]> {
  let summary = "inclusive scan along an axis with a combining region";
  let description = [{
    Like `tt.reduce` but keeps every partial result (tl.cumsum,
    tl.associative_scan); `reverse` scans from the end of the axis. The
    region returns with `tt.scan.return`.
  }];
  let arguments = (ins Variadic<TT_Tensor>:$srcs, I32Attr:$axis,
                       BoolAttr:$reverse);
  let results = (outs Variadic<TT_Tensor>:$result);
  let regions = (region SizedRegion<1>:$combineOp);
  let builders = [
    OpBuilder<(ins "::mlir::ValueRange":$srcs, "int":$axis,
                   "bool":$reverse)>,
  ];
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    ::llvm::SmallVector<::mlir::RankedTensorType> getInputTypes();
    ::llvm::SmallVector<::mlir::Type> getElementTypes();
  }];
}

def TT_ScanReturnOp : TT_Op<"scan.return", [Pure, Terminator, ReturnLike,
    HasParent<"ScanOp">]> {
  let summary = "terminator of tt.scan: the combined values";
  let arguments = (ins Variadic<AnyType>:$result);
  let assemblyFormat = "$result attr-dict `:` type($result)";
}

def TT_MapElementwiseOp : TT_Op<"map_elementwise", [
    SameOperandsAndResultShape, TT_SameOperandsAndResultEncoding,
    RecursiveMemoryEffects]> {
  let summary = "apply a scalar region to every element (tl.map_elementwise)";
  let description = [{
    The region sees `pack` consecutive elements of each operand at a time:
    its arguments are, for each operand in turn, `pack` scalars, and it
    returns `pack` scalars per result with `tt.map_elementwise.return`. It
    may branch (several blocks) but may not write memory. Printed in the
    generic form.
  }];
  let arguments = (ins Variadic<TT_Tensor>:$srcs, I32Attr:$pack);
  let results = (outs Variadic<TT_Tensor>:$result);
  let regions = (region AnyRegion:$scalarOp);
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
}

def TT_MapElementwiseReturnOp : TT_Op<"map_elementwise.return", [Pure,
    Terminator, ReturnLike, HasParent<"MapElementwiseOp">]> {
  let summary = "terminator of tt.map_elementwise";
  let arguments = (ins Variadic<AnyType>:$result);
  let assemblyFormat = "$result attr-dict `:` type($result)";
}

//===----------------------------------------------------------------------===//
// External code
//===----------------------------------------------------------------------===//

def TT_ExternElementwiseOp : TT_Op<"extern_elementwise", [Elementwise,
    TT_SameOperandsAndResultEncoding,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>]> {
  let summary = "call a library function elementwise (libdevice, tl.math)";
  let description = [{
    `symbol` names the scalar function (e.g. `__nv_erff`), found in the
    library `libname` at `libpath` (Triton leaves both empty and resolves
    them later). `pure` functions have no side effects.
  }];
  let arguments = (ins Variadic<TT_Type>:$srcs, StrAttr:$libname,
                       StrAttr:$libpath, StrAttr:$symbol, BoolAttr:$pure);
  let results = (outs TT_Type:$result);
  let assemblyFormat = [{
    operands attr-dict `:` functional-type(operands, $result)
  }];
}

def TT_ElementwiseInlineAsmOp : TT_Op<"elementwise_inline_asm", [Elementwise,
    TT_SameOperandsAndResultEncoding,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>]> {
  let summary = "GPU inline assembly applied to packed groups of elements";
  let description = [{
    The assembly sees `packed_element` elements of each operand at a time.
    Target specific: spine parses and prints it but cannot lower it.
  }];
  let arguments = (ins StrAttr:$asm_string, StrAttr:$constraints,
                       BoolAttr:$pure, I32Attr:$packed_element,
                       Variadic<TT_Type>:$args);
  let results = (outs Variadic<TT_Type>:$result);
  let assemblyFormat = [{
    $asm_string attr-dict ($args^ `:` type($args))? `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Other tensor ops
//===----------------------------------------------------------------------===//

def TT_MakeRangeOp : TT_Op<"make_range", [Pure]> {
  let summary = "the i32 tensor [start, start + 1, ..., end - 1]";
  let description = [{
    `start` and `end` are read as signed 32-bit values (their ODS getters
    return uint32_t: use `getStartAttr().getInt()` for the signed value).
  }];
  let arguments = (ins I32Attr:$start, I32Attr:$end);
  let results = (outs TT_IntTensor:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def TT_HistogramOp : TT_Op<"histogram", [Pure,
    TT_OptionalTypeFrom<"mask has the shape of src and i1 elements",
                        "src", "mask", "::mlir::triton::getI1SameShape($_self)">]> {
  let summary = "count the values of a tensor into bins 0, 1, ...";
  let description = [{
    The result length is the number of bins; values outside [0, bins) and
    elements whose `mask` is false are not counted.
  }];
  let arguments = (ins TT_IntTensor:$src, Optional<TT_BoolTensor>:$mask);
  let results = (outs TT_IntTensor:$result);
  let assemblyFormat = [{
    $src (`,` $mask^)? attr-dict `:` type($src) `->` type($result)
  }];
  let hasVerifier = 1;
}

def TT_GatherOp : TT_Op<"gather", [Pure,
    InferTypeOpAdaptor]> {
  let summary = "gather along one axis of a tensor (tl.gather)";
  let description = [{
    `result[i0, ..., ik, ...] = src[i0, ..., indices[i0, ..., ik, ...], ...]`
    with the index replaced on dimension `axis`; the result has the shape
    of `indices`. `efficient_layout` is a GPU layout hint.
  }];
  let arguments = (ins TT_Tensor:$src, TT_IntTensor:$indices, I32Attr:$axis,
                       UnitAttr:$efficient_layout);
  let results = (outs TT_Tensor:$result);
  let assemblyFormat = [{
    $src `[` $indices `]` attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Debugging
//===----------------------------------------------------------------------===//

def TT_PrintOp : TT_Op<"print", [MemoryEffects<[MemWrite<TT_GlobalMemory>]>]> {
  let summary = "device-side print (tl.device_print)";
  let description = [{
    Prints `prefix` and the values; `isSigned` has one entry per value
    (1: print integers as signed), `hex` prints integers in hexadecimal.
  }];
  let arguments = (ins StrAttr:$prefix, BoolAttr:$hex,
                       Variadic<TT_Type>:$args, DenseI32ArrayAttr:$isSigned);
  let assemblyFormat = [{
    $prefix attr-dict (`:` $args^ `:` type($args))?
  }];
  let hasVerifier = 1;
}

def TT_AssertOp : TT_Op<"assert", [MemoryEffects<[MemWrite<TT_GlobalMemory>]>]> {
  let summary = "device-side assert (tl.device_assert, with debug=True)";
  let description = [{
    Where `condition` is false the program prints `message` and aborts.
  }];
  let arguments = (ins TT_BoolLike:$condition, StrAttr:$message);
  let assemblyFormat = [{
    $condition `,` $message attr-dict `:` type($condition)
  }];
}

//===----------------------------------------------------------------------===//
// Tensor descriptors
//===----------------------------------------------------------------------===//

def TT_MakeTensorDescOp : TT_Op<"make_tensor_descriptor", [Pure,
    SameVariadicOperandSize]> {
  let summary = "describe a strided global tensor for block access";
  let description = [{
    ```mlir
    %d = tt.make_tensor_descriptor %base, [%m, %n], [%sm, %c1] : <f16>, <64x64xf16>
    ```

    `shape` (i32) and `strides` (i64, in elements) have one entry per
    block dimension. Reads outside the shape give zero, or NaN with
    `padding = 2` (`nan`).
  }];
  let arguments = (ins TT_Ptr:$base, Variadic<I32>:$shape,
      Variadic<I64>:$strides,
      DefaultValuedAttr<TT_PaddingOptionAttr,
                        "::mlir::triton::PaddingOption::PAD_ZERO">:$padding);
  let results = (outs TT_TensorDescType:$result);
  let assemblyFormat = [{
    $base `,` `[` $shape `]` `,` `[` $strides `]` attr-dict `:` type($base)
    `,` type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::llvm::ArrayRef<int64_t> getTensorShape() {
      return getType().getShape();
    }
  }];
}

def TT_DescriptorLoadOp : TT_Op<"descriptor_load", [
    MemoryEffects<[MemRead<TT_GlobalMemory>]>]> {
  let summary = "load the block of a descriptor at the given offsets";
  let arguments = (ins TT_TensorDesc:$desc, Variadic<I32>:$indices,
                       OptionalAttr<TT_AnyCachePolicyAttr>:$cachePolicy);
  let results = (outs TT_Tensor:$result);
  let assemblyFormat = [{
    $desc `[` $indices `]` attr-dict `:` qualified(type($desc)) `->`
    type($result)
  }];
  let hasVerifier = 1;
}

def TT_DescriptorStoreOp : TT_Op<"descriptor_store", [
    MemoryEffects<[MemRead<TT_GlobalMemory>, MemWrite<TT_GlobalMemory>]>]> {
  let summary = "store a block through a descriptor at the given offsets";
  let arguments = (ins TT_TensorDesc:$desc, TT_Tensor:$src,
                       Variadic<I32>:$indices);
  let assemblyFormat = [{
    $desc `[` $indices `]` `,` $src attr-dict `:` qualified(type($desc)) `,`
    type($src)
  }];
  let hasVerifier = 1;
}

def TT_DescriptorReduceOp : TT_Op<"descriptor_reduce", [
    MemoryEffects<[MemRead<TT_GlobalMemory>, MemWrite<TT_GlobalMemory>]>]> {
  let summary = "atomically combine a block into a descriptor's tensor";
  let arguments = (ins TT_DescriptorReduceKindAttr:$kind, TT_TensorDesc:$desc,
                       TT_Tensor:$src, Variadic<I32>:$indices);
  let assemblyFormat = [{
    $kind `,` $desc `[` $indices `]` `,` $src attr-dict `:`
    qualified(type($desc)) `,` type($src)
  }];
  let hasVerifier = 1;
}

def TT_DescriptorGatherOp : TT_Op<"descriptor_gather", [
    MemoryEffects<[MemRead<TT_GlobalMemory>]>]> {
  let summary = "gather rows of a descriptor's tensor";
  let description = [{
    The descriptor block is one row (1xN); `x_offsets` lists the rows and
    `y_offset` the first column. The result has one row per offset.
  }];
  let arguments = (ins TT_TensorDesc:$desc, RankedTensorOf<[I32]>:$x_offsets,
                       I32:$y_offset);
  let results = (outs TT_Tensor:$result);
  let assemblyFormat = [{
    $desc `[` $x_offsets `,` $y_offset `]` attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def TT_DescriptorScatterOp : TT_Op<"descriptor_scatter", [
    MemoryEffects<[MemRead<TT_GlobalMemory>, MemWrite<TT_GlobalMemory>]>]> {
  let summary = "scatter rows into a descriptor's tensor";
  let arguments = (ins TT_TensorDesc:$desc, RankedTensorOf<[I32]>:$x_offsets,
                       I32:$y_offset, TT_Tensor:$src);
  let assemblyFormat = [{
    $desc `[` $x_offsets `,` $y_offset `]` `,` $src attr-dict `:`
    type(operands)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Grid dependency control
//===----------------------------------------------------------------------===//

def TT_GridDependencyWaitOp : TT_Op<"grid_dependency_wait", [
    MemoryEffects<[MemRead<TT_GlobalMemory>, MemWrite<TT_GlobalMemory>]>]> {
  let summary = "wait for the previous grid's writes (gdc_wait)";
  let description = [{
    NVIDIA programmatic dependent launch; without it (and on CPUs) a no-op.
  }];
  let assemblyFormat = "attr-dict";
}

def TT_GridDependencyLaunchDependentsOp
    : TT_Op<"grid_dependency_launch_dependents", [
        MemoryEffects<[MemRead<TT_GlobalMemory>, MemWrite<TT_GlobalMemory>]>]> {
  let summary = "allow the next grid to start (gdc_launch_dependents)";
  let description = [{
    NVIDIA programmatic dependent launch; without it (and on CPUs) a no-op.
  }];
  let assemblyFormat = "attr-dict";
}

//===----------------------------------------------------------------------===//
// Functions
//===----------------------------------------------------------------------===//

def TT_CallOp : TT_Op<"call", [CallOpInterface,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "call a tt.func";
  let description = [{
    `%r = tt.call @f(%a, %b) : (f32, i32) -> f32`. Triton keeps calls only
    to functions marked `noinline = true`.
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<AnyType>:$operands,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let results = (outs Variadic<AnyType>);
  let builders = [
    OpBuilder<(ins "FuncOp":$callee, CArg<"::mlir::ValueRange", "{}">:$operands), [{
      $_state.addOperands(operands);
      $_state.addAttribute("callee", ::mlir::SymbolRefAttr::get(callee));
      $_state.addTypes(callee.getFunctionType().getResults());
    }]>,
    OpBuilder<(ins "::llvm::StringRef":$callee, "::mlir::TypeRange":$results,
                   CArg<"::mlir::ValueRange", "{}">:$operands), [{
      $_state.addOperands(operands);
      $_state.addAttribute("callee", ::mlir::SymbolRefAttr::get(
                                         $_builder.getContext(), callee));
      $_state.addTypes(results);
    }]>,
  ];
  let assemblyFormat = [{
    $callee `(` $operands `)` attr-dict `:` functional-type($operands, results)
  }];
  let extraClassDeclaration = [{
    ::mlir::FunctionType getCalleeType() {
      return ::mlir::FunctionType::get(getContext(), getOperandTypes(),
                                       getResultTypes());
    }
    operand_range getArgOperands() { return getOperands(); }
    ::mlir::MutableOperandRange getArgOperandsMutable() {
      return getOperandsMutable();
    }
    ::mlir::CallInterfaceCallable getCallableForCallee() {
      return getCalleeAttr();
    }
    void setCalleeFromCallable(::mlir::CallInterfaceCallable callee) {
      (*this)->setAttr(getCalleeAttrName(),
                       ::llvm::cast<::mlir::SymbolRefAttr>(callee));
    }
  }];
}

def TT_FuncOp : TT_Op<"func", [AffineScope, AutomaticAllocationScope,
    CallableOpInterface, FunctionOpInterface, IsolatedFromAbove,
    OpAsmOpInterface, HasParent<"::mlir::ModuleOp">]> {
  let summary = "a Triton kernel or device function";
  let description = [{
    Written like `func.func`:

    ```mlir
    tt.func public @kernel(%x: !tt.ptr<f32> {tt.divisibility = 16 : i32},
                           %n: i32) attributes {noinline = false} {
      ...
      tt.return
    }
    ```

    Kernels are public; helper functions that Triton did not inline are
    private and carry `noinline = true`. Argument attributes such as
    `tt.divisibility`, `tt.pointer_range` and `tt.nv_tma_desc` are kept as
    written.
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       TypeAttrOf<FunctionType>:$function_type,
                       OptionalAttr<StrAttr>:$sym_visibility,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let regions = (region AnyRegion:$body);
  let builders = [
    OpBuilder<(ins "::llvm::StringRef":$name, "::mlir::FunctionType":$type,
        CArg<"::llvm::ArrayRef<::mlir::NamedAttribute>", "{}">:$attrs,
        CArg<"::llvm::ArrayRef<::mlir::DictionaryAttr>", "{}">:$argAttrs)>,
  ];
  let hasCustomAssemblyFormat = 1;
  let extraClassDeclaration = [{
    // CallableOpInterface
    ::mlir::Region *getCallableRegion() {
      return isExternal() ? nullptr : &getBody();
    }
    ::llvm::ArrayRef<::mlir::Type> getCallableResults() {
      return getFunctionType().getResults();
    }
    ::mlir::ArrayAttr getCallableArgAttrs() {
      return getArgAttrs().value_or(nullptr);
    }
    ::mlir::ArrayAttr getCallableResAttrs() {
      return getResAttrs().value_or(nullptr);
    }

    // FunctionOpInterface
    ::llvm::ArrayRef<::mlir::Type> getArgumentTypes() {
      return getFunctionType().getInputs();
    }
    ::llvm::ArrayRef<::mlir::Type> getResultTypes() {
      return getFunctionType().getResults();
    }

    // SymbolOpInterface
    bool isDeclaration() { return isExternal(); }
  }];
}

def TT_ReturnOp : TT_Op<"return", [Pure, HasParent<"FuncOp">, ReturnLike,
    Terminator]> {
  let summary = "return from a tt.func";
  let arguments = (ins Variadic<AnyType>:$srcs);
  let builders = [OpBuilder<(ins), [{ build($_builder, $_state, ::mlir::ValueRange()); }]>];
  let assemblyFormat = "attr-dict ($srcs^ `:` type($srcs))?";
  let hasVerifier = 1;
}

#endif // SPINE_DIALECT_TRITON_IR_TRITONOPS_TD

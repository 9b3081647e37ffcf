#ifndef SPINE_DIALECT_TRITON_IR_TRITONTYPES_TD
#define SPINE_DIALECT_TRITON_IR_TRITONTYPES_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinTypeInterfaces.td"
include "spine/Dialect/Triton/IR/TritonDialect.td"

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

def TT_PtrType : TypeDef<Triton_Dialect, "Pointer"> {
  let mnemonic = "ptr";
  let summary = "pointer to a scalar integer or float in memory";
  let description = [{
    `!tt.ptr<f32>` points at one element; a tensor of pointers
    (`tensor<128x!tt.ptr<f32>>`) addresses a tile elementwise. The address
    space defaults to 1 (global memory), which is not printed. Triton 3.9
    names the other spaces it knows: `!tt.ptr<f32, "constant">` (4) and
    `!tt.ptr<i8, "descriptor">` (0). The parser also takes a plain integer
    address space (`!tt.ptr<f32, 3>`), the spelling of older Triton
    releases; such pointers print back with the integer.
  }];
  let parameters = (ins "::mlir::Type":$pointeeType, "int":$addressSpace);
  let builders = [
    TypeBuilderWithInferredContext<(ins "::mlir::Type":$pointeeType,
                                        "int":$addressSpace), [{
      return $_get(pointeeType.getContext(), pointeeType, addressSpace);
    }]>,
    TypeBuilderWithInferredContext<(ins "::mlir::Type":$pointeeType,
                                        "PtrAddrSpace":$addressSpace), [{
      return $_get(pointeeType.getContext(), pointeeType,
                   static_cast<int>(addressSpace));
    }]>,
  ];
  let skipDefaultBuilders = 1;
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

def TT_TensorDescType : TypeDef<Triton_Dialect, "TensorDesc"> {
  let mnemonic = "tensordesc";
  let summary = "descriptor of a tensor in global memory, accessed in blocks";
  let description = [{
    `!tt.tensordesc<32x64xf16>` describes a global tensor (its base, shape
    and strides, given to `tt.make_tensor_descriptor`) that is read and
    written one 32x64 block at a time. The element type may carry a
    signedness (`si32`, `ui8`) that the loaded tensors, always signless, do
    not. An optional layout attribute follows the element type
    (`!tt.tensordesc<32x64xf16, #layout>`).
  }];
  let parameters = (ins ArrayRefParameter<"int64_t">:$shape,
                        "::mlir::Type":$elementType,
                        OptionalParameter<"::mlir::Attribute">:$sharedLayout);
  let builders = [
    TypeBuilderWithInferredContext<(ins
        "::llvm::ArrayRef<int64_t>":$shape, "::mlir::Type":$elementType,
        CArg<"::mlir::Attribute", "{}">:$sharedLayout), [{
      return $_get(elementType.getContext(), shape, elementType, sharedLayout);
    }]>,
  ];
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The block as a tensor type (element type as written).
    ::mlir::RankedTensorType getBlockType() const;
    /// The block as the signless tensor type that loads produce.
    ::mlir::RankedTensorType getSignlessBlockType() const;
  }];
}

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def TT_Float : AnyTypeOf<[AnyFloat], "floating-point">;
def TT_Int : AnyTypeOf<[I1, I8, I16, I32, I64], "integer">;
def TT_Ptr : DialectType<Triton_Dialect,
    CPred<"::llvm::isa<::mlir::triton::PointerType>($_self)">, "pointer",
    "::mlir::triton::PointerType">;

def TT_FloatTensor : RankedTensorOf<[TT_Float]>;
def TT_IntTensor : RankedTensorOf<[TT_Int]>;
def TT_BoolTensor : RankedTensorOf<[I1]>;
def TT_PtrTensor : RankedTensorOf<[TT_Ptr]>;
def TT_FpIntTensor : RankedTensorOf<[TT_Float, TT_Int]>;
def TT_Tensor : RankedTensorOf<[TT_Float, TT_Int, TT_Ptr]>;

def TT_FloatLike : AnyTypeOf<[TT_Float, TT_FloatTensor]>;
def TT_IntLike : AnyTypeOf<[TT_Int, TT_IntTensor]>;
def TT_BoolLike : AnyTypeOf<[I1, TT_BoolTensor]>;
def TT_I64Like : AnyTypeOf<[I64, RankedTensorOf<[I64]>]>;
def TT_PtrLike : AnyTypeOf<[TT_Ptr, TT_PtrTensor]>;

// Any value a TTIR op computes with: scalar, pointer or tensor of those.
def TT_Type : AnyTypeOf<[TT_FloatLike, TT_IntLike, TT_PtrLike]>;

def TT_TensorDesc : DialectType<Triton_Dialect,
    CPred<"::llvm::isa<::mlir::triton::TensorDescType>($_self)">,
    "tensor descriptor", "::mlir::triton::TensorDescType">;

#endif // SPINE_DIALECT_TRITON_IR_TRITONTYPES_TD

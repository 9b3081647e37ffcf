#ifndef SPINE_DIALECT_TRITON_IR_TRITONDIALECT_TD
#define SPINE_DIALECT_TRITON_IR_TRITONDIALECT_TD

include "mlir/IR/OpBase.td"

def Triton_Dialect : Dialect {
  let name = "tt";
  let cppNamespace = "::mlir::triton";
  let summary = "Triton IR (TTIR), as Triton 3.9's make_ttir prints it";
  let description = [{
    Spine's own definition of the `tt` dialect: the tile-level IR that the
    Triton compiler produces from a `@triton.jit` kernel before any GPU
    layout is assigned. The definitions here are written for spine, but op,
    type, attribute and enum names, and the textual forms, follow stock
    Triton 3.9 so that `spine-opt` reads the TTIR Triton writes and prints it
    back unchanged.

    Values are scalars, `!tt.ptr<T>` pointers into global memory, ranked
    tensors of those (tensor sizes are powers of two and at most 2^20
    elements), and `!tt.tensordesc` tensor descriptors. Integer and float
    arithmetic, comparisons, selects and casts use the `arith` and `math`
    dialects; structured control flow uses `scf`.

    TTIR from Triton 3.9 never contains block pointers
    (`tt.make_tensor_ptr`, `tt.advance`): Triton removed them in favour of
    tensor descriptors, and this dialect does not define them either.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::cf::ControlFlowDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
  ];
  let useDefaultTypePrinterParser = 1;
  let useDefaultAttributePrinterParser = 1;
  let extraClassDeclaration = [{
    void registerTypes();
    void registerAttributes();
  }];
}

#endif // SPINE_DIALECT_TRITON_IR_TRITONDIALECT_TD

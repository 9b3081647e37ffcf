//===- LegalizeBF16VectorMemory.cpp - bf16 vector loads/stores as i16 -----===//
//
// LLVM 22's x86 backend aborts ("Do not know how to soft promote this
// operator's operand") on a load or store of a bf16 vector whose length is
// not a power of two (e.g. the <9 x bfloat> tail of a vectorized copy),
// while i16 vectors of any length are fine. The bits are the same, so such
// accesses become i16 vector accesses and a bitcast.
//
//===----------------------------------------------------------------------===//

#include "spine/Conversion/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "llvm/Support/MathExtras.h"

namespace mlir::spine {
#define GEN_PASS_DEF_LEGALIZEBF16VECTORMEMORY
#include "spine/Conversion/Passes.h.inc"
} // namespace mlir::spine

using namespace mlir;

namespace {

/// The i16 vector of the same shape as an odd-length bf16 vector, or null.
VectorType asI16(Type type) {
  auto vector = dyn_cast<VectorType>(type);
  if (!vector || !vector.getElementType().isBF16() || vector.getRank() != 1 ||
      vector.isScalable() || llvm::isPowerOf2_64(vector.getNumElements()))
    return nullptr;
  return VectorType::get(vector.getShape(),
                         IntegerType::get(type.getContext(), 16));
}

struct LegalizeBF16VectorMemoryPass
    : public spine::impl::LegalizeBF16VectorMemoryBase<
          LegalizeBF16VectorMemoryPass> {
  void runOnOperation() override {
    SmallVector<Operation *> accesses;
    getOperation().walk([&](Operation *op) {
      if (auto load = dyn_cast<LLVM::LoadOp>(op); load && asI16(load.getType()))
        accesses.push_back(op);
      if (auto store = dyn_cast<LLVM::StoreOp>(op);
          store && asI16(store.getValue().getType()))
        accesses.push_back(op);
    });
    OpBuilder b(&getContext());
    for (Operation *op : accesses) {
      b.setInsertionPoint(op);
      if (auto load = dyn_cast<LLVM::LoadOp>(op)) {
        VectorType bits = asI16(load.getType());
        Type bf16 = load.getType();
        load.getResult().setType(bits);
        b.setInsertionPointAfter(load);
        auto cast =
            LLVM::BitcastOp::create(b, load.getLoc(), bf16, load.getResult());
        load.getResult().replaceAllUsesExcept(cast.getResult(), cast);
        continue;
      }
      auto store = cast<LLVM::StoreOp>(op);
      Value bits = LLVM::BitcastOp::create(b, store.getLoc(),
                                           asI16(store.getValue().getType()),
                                           store.getValue());
      store.getValueMutable().assign(bits);
    }
  }
};

} // namespace

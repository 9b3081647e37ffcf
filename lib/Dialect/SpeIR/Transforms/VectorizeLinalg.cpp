#include "spine/Dialect/SpeIR/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "speir-vectorize-linalg"

namespace mlir::speir {
#define GEN_PASS_DEF_SPEIRVECTORIZELINALG
#include "spine/Dialect/SpeIR/Transforms/Passes.h.inc"
} // namespace mlir::speir

using namespace mlir;

namespace {

/// The widest element type among the op's operands, in bits.
unsigned widestElementBits(linalg::LinalgOp op) {
  unsigned bits = 8;
  for (OpOperand &operand : op->getOpOperands()) {
    Type type = getElementTypeOrSelf(operand.get().getType());
    if (type.isIntOrIndexOrFloat())
      bits =
          std::max(bits, type.isIndex() ? 64u : type.getIntOrFloatBitWidth());
  }
  return bits;
}

/// Contractions and convolutions go to the runtime's kernels (or, when no
/// kernel serves them, to loops): vectorizing them here would fight that.
bool isLeftForKernels(linalg::LinalgOp op) {
  return linalg::isaContractionOpInterface(op) ||
         linalg::isaConvolutionOpInterface(op) || isa<linalg::Mmt4DOp>(op);
}

/// Vectors per chunk of a reduced innermost loop: each chunk pays one
/// horizontal reduction and an accumulator round trip through memory, so
/// wider chunks divide that (8: 128 f32 lanes, two LMUL-8 groups, at VLEN
/// 256; 4 -> 8 took layernorm from 1.11 to 0.98 instructions per element;
/// 16 fills all 32 registers and would spill fused bodies).
constexpr int64_t kReductionChunkFactor = 8;

/// Vector registers per value for light element-wise ops (LMUL 8): a copy,
/// a fill, or an all-parallel generic of at most three operands whose body
/// is a few arithmetic ops. Their loops are all loads, stores and loop
/// overhead, so longer vectors divide that per element (issue 17); heavier
/// bodies keep the pass option's value, which leaves registers for their
/// temporaries.
constexpr int64_t kLightRegisters = 8;
constexpr int64_t kLightBodyOps = 4;

/// Other all-parallel generics of at most three operands take twice the pass
/// option's registers per value (LMUL 4 by default): their bodies (an
/// activation's exp polynomial, a division) keep about six values live,
/// which at LMUL 4 still fit the 32 registers beside the polynomial's splat
/// constants, and the loads, stores and loop overhead are shared by twice
/// the elements (silu-and-multiply: 2.44 -> 1.81 instructions per element
/// at VLEN 256). Reductions keep the option's value.
constexpr int64_t kElementwiseRegisterFactor = 2;

bool isAllParallel(linalg::LinalgOp op) {
  return op.getNumReductionLoops() == 0;
}

bool isLightElementwise(linalg::LinalgOp op) {
  if (isa<linalg::CopyOp, linalg::FillOp>(op.getOperation()))
    return true;
  auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
  if (!generic || generic->getNumOperands() > 3 ||
      generic.getNumReductionLoops() != 0)
    return false;
  Block *body = generic.getBody();
  if (static_cast<int64_t>(body->getOperations().size()) > kLightBodyOps + 1)
    return false;
  return llvm::all_of(body->getOperations(), [](Operation &inner) {
    return isa<linalg::YieldOp>(inner) ||
           isa<arith::ArithDialect>(inner.getDialect());
  });
}

/// A body that reads or writes memory itself (the gathers and scatters of
/// unstructured Triton accesses) or holds regions is left to the loops: the
/// vectorizer would treat its loads as uniform.
bool hasPlainBody(linalg::LinalgOp op) {
  return llvm::all_of(
      op.getBlock()->without_terminator(), [](Operation &inner) {
        return inner.getNumRegions() == 0 && isMemoryEffectFree(&inner);
      });
}

/// i1 buffers hold a byte per element, while LLVM stores vector<Nxi1> as
/// packed bits: a vectorized op on them would disagree with scalar accesses
/// (Triton's mask tensors that end up in memory).
bool hasBoolBuffer(linalg::LinalgOp op) {
  return llvm::any_of(op->getOperands(), [](Value v) {
    auto type = dyn_cast<MemRefType>(v.getType());
    return type && type.getElementType().isInteger(1);
  });
}

/// A generic may call a dimension "reduction" and still index its output
/// with it (it verifies); linalg::vectorize then reduces that dimension away
/// and builds an invalid vector.multi_reduction. Such ops stay loops.
bool indexesOutputsByReducedDims(linalg::LinalgOp op) {
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  for (OpOperand &init : op.getDpsInitsMutable()) {
    AffineMap map = op.getMatchingIndexingMap(&init);
    for (auto [dim, iterator] : llvm::enumerate(iterators))
      if (iterator == utils::IteratorType::reduction &&
          map.isFunctionOfDim(dim))
        return true;
  }
  return false;
}

bool isCandidate(linalg::LinalgOp op) {
  return op.hasPureBufferSemantics() && !isLeftForKernels(op) &&
         op.getNumLoops() > 0 && hasPlainBody(op) && !hasBoolBuffer(op) &&
         !indexesOutputsByReducedDims(op);
}

struct VectorizeLinalgPass
    : public speir::impl::SpeIRVectorizeLinalgBase<VectorizeLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    speir::TargetAttr target =
        speir::getTarget(func->getParentOfType<ModuleOp>());
    int64_t vlen = target ? target.getVlen() : 128;
    IRRewriter rewriter(&getContext());

    // 1. Tile every candidate to vector-register tiles; a partial last tile
    //    is peeled off so that every tile has a static shape.
    SmallVector<linalg::LinalgOp> candidates;
    func.walk([&](linalg::LinalgOp op) {
      if (isCandidate(op))
        candidates.push_back(op);
    });
    for (linalg::LinalgOp op : candidates)
      tile(rewriter, op, lanesFor(op, vlen));

    // 2. Fold the peeled bounds into static tile shapes.
    RewritePatternSet patterns(&getContext());
    for (Dialect *dialect : getContext().getLoadedDialects())
      dialect->getCanonicalizationPatterns(patterns);
    for (RegisteredOperationName op : getContext().getRegisteredOperations())
      op.getCanonicalizationPatterns(patterns, &getContext());
    (void)applyPatternsGreedily(func, std::move(patterns));

    // 3. Vectorize every statically shaped tile of a register's size.
    SmallVector<linalg::LinalgOp> tiles;
    func.walk([&](linalg::LinalgOp op) {
      if (isCandidate(op) && op.hasPureBufferSemantics() &&
          !op.hasDynamicShape())
        tiles.push_back(op);
    });
    for (linalg::LinalgOp op : tiles) {
      int64_t elements = 1;
      for (int64_t range : op.getStaticLoopRanges())
        elements *= range;
      if (elements > kReductionChunkFactor * lanesFor(op, vlen)) {
        LLVM_DEBUG(llvm::dbgs()
                   << "too large to vectorize whole: " << *op << "\n");
        continue;
      }
      rewriter.setInsertionPoint(op);
      if (failed(linalg::vectorize(rewriter, op))) {
        LLVM_DEBUG(llvm::dbgs() << "cannot vectorize " << *op << "\n");
        continue;
      }
      rewriter.eraseOp(op);
    }
  }

  int64_t lanesFor(linalg::LinalgOp op, int64_t vlen) {
    int64_t registers = registersPerVector;
    if (isLightElementwise(op))
      registers = std::max<int64_t>(registers, kLightRegisters);
    else if (isa<linalg::GenericOp>(op.getOperation()) && isAllParallel(op) &&
             op->getNumOperands() <= 3)
      registers *= kElementwiseRegisterFactor;
    return std::max<int64_t>(1, registers * vlen / widestElementBits(op));
  }

  void tile(IRRewriter &rewriter, linalg::LinalgOp op, int64_t lanes) {
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    unsigned n = ranges.size();
    // The innermost loop carries the vector; a short one is taken whole.
    // Loops of size 1 need no tiling (tile size 0 means none).
    SmallVector<int64_t> tileSizes(n, 1);
    for (unsigned d = 0; d + 1 < n; ++d)
      if (ranges[d] == 1)
        tileSizes[d] = 0;
    int64_t inner = ranges[n - 1];
    // A reduced innermost loop takes wider chunks: each chunk pays one
    // horizontal reduction and an accumulator round trip.
    if (op.getIteratorTypesArray()[n - 1] == utils::IteratorType::reduction)
      lanes *= kReductionChunkFactor;
    bool innerWhole = !ShapedType::isDynamic(inner) && inner <= lanes;
    tileSizes[n - 1] = innerWhole ? 0 : lanes;
    if (llvm::all_of(tileSizes, [](int64_t s) { return s == 0; }))
      return;

    rewriter.setInsertionPoint(op);
    scf::SCFTilingOptions options;
    options.setTileSizes(
        getAsIndexOpFoldResult(rewriter.getContext(), tileSizes));
    FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
        rewriter, cast<TilingInterface>(op.getOperation()), options);
    if (failed(tiled)) {
      LLVM_DEBUG(llvm::dbgs() << "cannot tile " << *op << "\n");
      return;
    }
    rewriter.eraseOp(op);
    if (innerWhole || tiled->loops.empty())
      return;
    if (ShapedType::isDynamic(inner) || inner % lanes == 0)
      return;
    auto innermost = dyn_cast<scf::ForOp>(tiled->loops.back().getOperation());
    scf::ForOp partial;
    if (innermost)
      (void)scf::peelForLoopAndSimplifyBounds(rewriter, innermost, partial);
  }
};

} // namespace

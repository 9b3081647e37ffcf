#include "spine/Dialect/SpeIR/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
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

/// The bits of a scalar type (index: 64, as the vectors lower it).
unsigned scalarBits(Type type) {
  return type.isIndex() ? 64 : type.getIntOrFloatBitWidth();
}

/// The widest element type among the op's operands, in bits.
unsigned widestElementBits(linalg::LinalgOp op) {
  unsigned bits = 8;
  for (OpOperand &operand : op->getOpOperands()) {
    Type type = getElementTypeOrSelf(operand.get().getType());
    if (type.isIntOrIndexOrFloat())
      bits = std::max(bits, scalarBits(type));
  }
  return bits;
}

/// Contractions and convolutions go to the runtime's kernels (or, when no
/// kernel serves them, to loops): vectorizing them here would fight that.
bool isLeftForKernels(linalg::LinalgOp op) {
  return linalg::isaContractionOpInterface(op) ||
         linalg::isaConvolutionOpInterface(op) || isa<linalg::Mmt4DOp>(op);
}

/// Vectors per chunk of a reduced innermost loop: a chunk whose accumulator
/// is not carried in registers (see ChunkReduction) pays one horizontal
/// reduction and an accumulator round trip through memory, and every chunk
/// pays the loop overhead, so wider chunks divide that (8: 128 f32 lanes, two
/// LMUL-8 groups, at VLEN 256; 4 -> 8 took layernorm from 1.11 to 0.98
/// instructions per element; 16 fills all 32 registers and would spill fused
/// bodies).
constexpr int64_t kReductionChunkFactor = 8;

/// Vector registers per value for reductions (the chunk loop's vectors are
/// kReductionChunkFactor times wider).
constexpr int64_t kReductionRegisters = 2;

/// The register-pressure model behind the LMUL of an all-parallel op.
///
/// An element-wise loop iteration is loads, stores, the body and the loop's
/// scalar overhead. The X60 issues in order, so an iteration also waits out
/// its chain of latencies (a load, a division: tens of cycles) about as long
/// at LMUL 8 as at LMUL 1; the wider the vector, the more elements share
/// that wait, the overhead and the `.vf` constants. What limits the width
/// is the register file: 32 registers of VLEN bits, in groups of LMUL. A
/// body that keeps P values live needs P groups. A group or two beyond
/// 32 / LMUL costs LLVM a hoisted constant reloaded once per iteration,
/// cheaper than halving the vector; more, and live values spill (a store
/// and a reload per iteration each, on the chain). So the op takes the
/// widest LMUL (8, 4, 2 or 1) at which P <= 32 / LMUL + kSpillTolerance.
///
/// P is counted on the op's scalar body, one vector per value, in groups of
/// the widest element type (an f16 value in an f32 body is half a group):
///   - a value is live from its definition (an input: its first use, where
///     the scheduler puts its load) to its last use; a yielded value until
///     the end (its store);
///   - values uniform along the vector (constants, values from outside the
///     body, inputs not indexed by the innermost loop, what is computed from
///     those only) are scalars, `.vf`/`.vx` operands;
///   - at each op: the values live across it, plus its results or its dying
///     operands (whichever are more: a result may take a dying operand's
///     register), plus what the op's later expansion holds (extraGroups);
///   - a mask (i1) anywhere takes v0, and with it the group that holds v0.
/// Calibrated with `bench/compare_lowerings.py --lmul` (qemu instructions
/// and llvm-mca cycles on the X60 model at each LMUL; README.md,
/// "Vectorization strategy", has the table).
constexpr double kSpillTolerance = 2;
constexpr int64_t kVectorRegisters = 32;

/// Register groups an op's later expansion keeps live besides its operands
/// and result: its temporaries, and the splat constants it needs in vector
/// registers (RVV takes a scalar only as one operand of an add, a multiply,
/// a multiplicand of an fma, a compare or the true side of a merge; LLVM
/// hoists the other splats out of the loop and holds them across it).
/// Measured on the generated code (`bench/compare_lowerings.py --lmul`:
/// f(x) + y spills at the next wider LMUL, or spills and is still fastest in
/// modeled cycles): exp (ExpF32) keeps its reduced argument, the running
/// polynomial and the power of two; erf and tanh (OddRationalF32) a square
/// and two polynomials; upstream's atan, log, sin and erfc, besides their
/// polynomials, masks and selects of constants per range.
double extraGroups(Operation *op) {
  if (isa<math::ExpOp, math::Exp2Op>(op))
    return 2;
  if (isa<math::ErfOp, math::TanhOp>(op))
    return 3;
  if (isa<math::AtanOp, math::Atan2Op, math::ExpM1Op>(op))
    return 6;
  if (isa<math::LogOp, math::Log2Op, math::Log1pOp, math::SinOp, math::CosOp,
          math::AsinOp, math::AcosOp, math::PowFOp, math::ErfcOp>(op))
    return 10;
  // One instruction each (vfsqrt, vfabs, vfmacc, vfsgnj, a conversion).
  if (isa<math::SqrtOp, math::RsqrtOp, math::AbsFOp, math::AbsIOp, math::FmaOp,
          math::CopySignOp, math::RoundEvenOp, math::FloorOp, math::CeilOp,
          math::TruncOp>(op))
    return 0;
  if (isa<math::MathDialect>(op->getDialect()))
    return 2;
  return 0;
}

/// Peak vector values live in one iteration of `op`'s vectorized body, in
/// register groups of its widest element type, and whether it holds masks.
struct RegisterPressure {
  double groups = 0;
  bool masks = false;
};

RegisterPressure registerPressure(linalg::LinalgOp op) {
  Block *body = op.getBlock();
  double widest = widestElementBits(op);
  unsigned innermost = op.getNumLoops() - 1;
  RegisterPressure pressure;

  // Vector values: the inputs indexed by the innermost loop, and what the
  // body computes from a vector value.
  llvm::DenseSet<Value> vectors;
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    if (map.isFunctionOfDim(innermost))
      vectors.insert(body->getArgument(operand.getOperandNumber()));
  }
  auto groupsOf = [&](Value v) -> double {
    Type type = v.getType();
    if (type.isInteger(1)) {
      pressure.masks = true;
      return 0;
    }
    return scalarBits(type) / widest;
  };

  // Positions: the body's ops in order; the yield is the last one. A value
  // is live from `start` (its definition, or an input's first use) to its
  // last use.
  llvm::DenseMap<Value, unsigned> start, lastUse;
  SmallVector<Operation *> ops;
  for (Operation &inner : *body) {
    unsigned position = ops.size();
    ops.push_back(&inner);
    bool vectorOperand = false;
    for (Value operand : inner.getOperands()) {
      if (!vectors.contains(operand))
        continue;
      vectorOperand = true;
      start.try_emplace(operand, position);
      lastUse[operand] = position;
    }
    if (vectorOperand || isa<linalg::IndexOp>(inner))
      for (Value result : inner.getResults())
        if (result.getType().isIntOrIndexOrFloat()) {
          vectors.insert(result);
          start[result] = position;
        }
  }

  for (auto [position, inner] : llvm::enumerate(ops)) {
    // Values that outlive the op besides its results: live across it, or
    // first read here (an input's load) and read again later.
    double across = 0;
    for (auto [value, last] : lastUse)
      if (start.lookup(value) <= position && last > position &&
          value.getDefiningOp() != inner)
        across += groupsOf(value);
    double dying = 0, results = 0;
    for (Value operand : inner->getOperands())
      if (vectors.contains(operand) && lastUse.lookup(operand) == position)
        dying += groupsOf(operand);
    for (Value result : inner->getResults())
      if (vectors.contains(result))
        results += groupsOf(result);
    double here = across + std::max(dying, results) +
                  (results > 0 ? extraGroups(inner) : 0);
    pressure.groups = std::max(pressure.groups, here);
  }
  return pressure;
}

/// The widest LMUL at which `op`'s live values fit the register file (see
/// kSpillTolerance).
int64_t registersByPressure(linalg::LinalgOp op) {
  RegisterPressure pressure = registerPressure(op);
  for (int64_t lmul : {8, 4, 2}) {
    double groups = kVectorRegisters / lmul - (pressure.masks ? 1 : 0);
    if (pressure.groups <= groups + kSpillTolerance)
      return lmul;
  }
  return 1;
}

bool isAllParallel(linalg::LinalgOp op) {
  return op.getNumReductionLoops() == 0;
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

/// Scalable vectors (vector-length-agnostic) are for ops whose every operand
/// either does not vary along the innermost loop (a broadcast, read as a
/// scalar) or is contiguous along it: the innermost loop indexes the
/// operand's last dimension, of unit stride. Transposes and strided views
/// keep fixed vectors, whose transfers have a lowering for any layout.
bool isContiguousAlongInnermost(linalg::LinalgOp op) {
  unsigned inner = op.getNumLoops() - 1;
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    if (!map.isFunctionOfDim(inner))
      continue;
    auto type = dyn_cast<MemRefType>(operand.get().getType());
    if (!type || map.getNumResults() == 0 ||
        map.getResults().back() != getAffineDimExpr(inner, op.getContext()))
      return false;
    for (AffineExpr result : map.getResults().drop_back())
      if (result.isFunctionOfDim(inner))
        return false;
    SmallVector<int64_t> strides;
    int64_t offset;
    if (failed(type.getStridesAndOffset(strides, offset)) ||
        strides.back() != 1)
      return false;
  }
  return true;
}

/// Whether every op of the body becomes vector instructions on a scalable
/// vector. LLVM cannot take a scalable vector apart element by element, so
/// a body op that would become one libm call per element (f64
/// transcendentals; f32 tan, log10, sinh, cosh, powf, remf: those
/// speir-approximate-math leaves to libm) or that RVV lacks (bf16
/// arithmetic without Zvfbfmin) keeps the op on fixed vectors. The lists
/// are what llc compiles for `<vscale x n x T>`.
bool lowersToScalableCode(linalg::LinalgOp op) {
  auto supportedType = [](Type type) {
    Type element = getElementTypeOrSelf(type);
    return element.isIntOrIndex() || element.isF16() || element.isF32() ||
           element.isF64();
  };
  for (Operation &inner : op.getBlock()->getOperations()) {
    if (!llvm::all_of(inner.getOperandTypes(), supportedType) ||
        !llvm::all_of(inner.getResultTypes(), supportedType))
      return false;
    if (isa<linalg::YieldOp, linalg::IndexOp>(inner))
      continue;
    if (isa<arith::RemFOp>(inner))
      return false;
    if (isa<arith::ArithDialect>(inner.getDialect()))
      continue;
    if (isa<math::SqrtOp, math::RsqrtOp, math::AbsFOp, math::AbsIOp,
            math::FmaOp, math::CopySignOp, math::FloorOp, math::CeilOp,
            math::TruncOp, math::RoundEvenOp, math::RoundOp>(inner))
      continue;
    Type element = getElementTypeOrSelf(inner.getResultTypes().front());
    if ((element.isF32() || element.isF16()) &&
        isa<math::ExpOp, math::Exp2Op, math::ExpM1Op, math::LogOp, math::Log2Op,
            math::Log1pOp, math::TanhOp, math::ErfOp, math::ErfcOp, math::SinOp,
            math::CosOp, math::AtanOp, math::Atan2Op, math::AsinOp,
            math::AcosOp, math::AtanhOp, math::AsinhOp, math::AcoshOp,
            math::CbrtOp>(inner))
      continue;
    return false;
  }
  for (BlockArgument arg : op.getBlock()->getArguments())
    if (!supportedType(arg.getType()))
      return false;
  return true;
}

/// Tiles of a vector-length-agnostic tiling carry their lanes per vscale
/// (LLVM's vscale: VLEN / 64 on RISC-V) from tiling to vectorization.
constexpr llvm::StringLiteral kScalableLanes = "speir.scalable_lanes";

/// Bits of a vector register per unit of vscale (RISC-V: VLEN = 64 vscale).
constexpr int64_t kBitsPerVscale = 64;

bool isCandidate(linalg::LinalgOp op) {
  return op.hasPureBufferSemantics() && !isLeftForKernels(op) &&
         op.getNumLoops() > 0 && hasPlainBody(op) && !hasBoolBuffer(op) &&
         !indexesOutputsByReducedDims(op);
}

/// The value `kind` leaves unchanged: a carried accumulator starts there.
/// fadd's is -0.0 (+0.0 would turn a sum of -0.0 into +0.0); maxnumf's and
/// minnumf's a NaN (maxnum(NaN, x) == x).
TypedAttr reductionIdentity(vector::CombiningKind kind, Type element) {
  using Kind = vector::CombiningKind;
  if (auto floatType = dyn_cast<FloatType>(element)) {
    const llvm::fltSemantics &sem = floatType.getFloatSemantics();
    switch (kind) {
    case Kind::ADD:
      return FloatAttr::get(element, APFloat::getZero(sem, /*Negative=*/true));
    case Kind::MUL:
      return FloatAttr::get(element, APFloat::getOne(sem));
    case Kind::MAXNUMF:
    case Kind::MINNUMF:
      return FloatAttr::get(element, APFloat::getQNaN(sem));
    case Kind::MAXIMUMF:
      return FloatAttr::get(element, APFloat::getInf(sem, /*Negative=*/true));
    case Kind::MINIMUMF:
      return FloatAttr::get(element, APFloat::getInf(sem));
    default:
      return nullptr;
    }
  }
  auto intType = dyn_cast<IntegerType>(element);
  if (!intType)
    return nullptr;
  unsigned bits = intType.getWidth();
  switch (kind) {
  case Kind::ADD:
  case Kind::OR:
  case Kind::XOR:
  case Kind::MAXUI:
    return IntegerAttr::get(element, APInt::getZero(bits));
  case Kind::MUL:
    return IntegerAttr::get(element, APInt(bits, 1));
  case Kind::AND:
  case Kind::MINUI:
    return IntegerAttr::get(element, APInt::getAllOnes(bits));
  case Kind::MINSI:
    return IntegerAttr::get(element, APInt::getSignedMaxValue(bits));
  case Kind::MAXSI:
    return IntegerAttr::get(element, APInt::getSignedMinValue(bits));
  default:
    return nullptr;
  }
}

/// The memref an access goes through, looking through views to the buffer.
Value bufferRoot(Value memref) {
  while (Operation *def = memref.getDefiningOp()) {
    if (auto view = dyn_cast<ViewLikeOpInterface>(def))
      memref = view.getViewSource();
    else
      break;
  }
  return memref;
}

/// A chunk loop of a reduction, as tiling and vectorization leave it:
///   scf.for ... {
///     %v = <the chunk, after the body's element-wise part>
///     %a = vector.transfer_read %acc[...]      (maybe vector.extract'ed)
///     %r = vector.multi_reduction <kind>, %v, %a [dims]
///     vector.transfer_write %r, %acc[...]      (maybe vector.broadcast'ed)
///   }
/// with %acc a buffer of the function's own (memref.alloc: nothing else in
/// the loop can reach it) at loop-invariant indices. The reduction across
/// lanes and the accumulator's round trip through memory happen in every
/// chunk. Rewritten so that a vector of the chunk's shape is carried across
/// the loop (starting at the kind's identity) and combined element-wise with
/// each chunk, and the multi_reduction into %acc happens once, after the
/// loop. Reordering the combination is what the unordered reductions of the
/// lowering (reassoc) already allow.
struct ChunkReduction {
  scf::ForOp loop;
  vector::MultiDimReductionOp reduction;
  vector::TransferReadOp read;
  vector::TransferWriteOp write;
};

std::optional<ChunkReduction> matchChunkReduction(scf::ForOp loop) {
  if (loop.getNumRegionIterArgs() != 0)
    return std::nullopt;
  SmallVector<vector::MultiDimReductionOp> reductions;
  loop.getBody()->walk(
      [&](vector::MultiDimReductionOp r) { reductions.push_back(r); });
  if (reductions.size() != 1)
    return std::nullopt;
  vector::MultiDimReductionOp reduction = reductions.front();
  if (reduction->getParentOp() != loop.getOperation() ||
      !reductionIdentity(reduction.getKind(),
                         getElementTypeOrSelf(reduction.getSourceVectorType())))
    return std::nullopt;
  Value acc = reduction.getAcc();
  if (auto extract = acc.getDefiningOp<vector::ExtractOp>()) {
    if (!extract->hasOneUse() || !extract.getStaticPosition().empty())
      return std::nullopt;
    acc = extract.getSource();
  }
  auto read = acc.getDefiningOp<vector::TransferReadOp>();
  if (!read || !read->hasOneUse() || read->getParentOp() != loop.getOperation())
    return std::nullopt;
  Value result = reduction.getResult();
  if (!result.hasOneUse())
    return std::nullopt;
  Operation *user = *result.getUsers().begin();
  if (auto broadcast = dyn_cast<vector::BroadcastOp>(user)) {
    if (!broadcast->hasOneUse())
      return std::nullopt;
    user = *broadcast->getUsers().begin();
  }
  auto write = dyn_cast<vector::TransferWriteOp>(user);
  if (!write || write->getParentOp() != loop.getOperation() ||
      write.getBase() != read.getBase() ||
      write.getIndices() != read.getIndices() || write.getMask() ||
      read.getMask() ||
      write.getVector().getType() != read.getVector().getType())
    return std::nullopt;
  // The read moves after the loop: its indices must be loop-invariant, and
  // what else it takes from inside the loop (the padding) a constant.
  auto insideLoop = [&](Value v) {
    return loop.getRegion().isAncestor(v.getParentRegion());
  };
  if (llvm::any_of(read.getIndices(), insideLoop) ||
      llvm::any_of(read->getOperands(), [&](Value v) {
        return insideLoop(v) && !(v.getDefiningOp() &&
                                  v.getDefiningOp()->getNumOperands() == 0 &&
                                  isMemoryEffectFree(v.getDefiningOp()));
      }))
    return std::nullopt;
  Value root = bufferRoot(read.getBase());
  if (!root.getDefiningOp<memref::AllocOp>() ||
      loop.getRegion().isAncestor(read.getBase().getParentRegion()))
    return std::nullopt;
  // Nothing else in the loop touches the accumulator's buffer.
  bool otherAccess = false;
  loop.getBody()->walk([&](Operation *op) {
    if (op == read.getOperation() || op == write.getOperation())
      return;
    for (Value operand : op->getOperands())
      if (isa<MemRefType>(operand.getType()) && bufferRoot(operand) == root)
        otherAccess = true;
  });
  if (otherAccess)
    return std::nullopt;
  return ChunkReduction{loop, reduction, read, write};
}

void carryAccumulator(IRRewriter &rewriter, ChunkReduction chunk) {
  scf::ForOp loop = chunk.loop;
  vector::MultiDimReductionOp reduction = chunk.reduction;
  Location loc = reduction.getLoc();
  VectorType sourceType = reduction.getSourceVectorType();
  vector::CombiningKind kind = reduction.getKind();
  TypedAttr identity = reductionIdentity(kind, sourceType.getElementType());

  rewriter.setInsertionPoint(loop);
  Value init = arith::ConstantOp::create(
      rewriter, loc, SplatElementsAttr::get(sourceType, identity));
  auto newLoop = cast<scf::ForOp>(*loop.replaceWithAdditionalYields(
      rewriter, ValueRange{init}, /*replaceInitOperandUsesInLoop=*/false,
      [&](OpBuilder &b, Location, ArrayRef<BlockArgument> carried) {
        b.setInsertionPoint(reduction);
        Value combined = vector::makeArithReduction(
            b, loc, kind, reduction.getSource(), carried.front());
        return SmallVector<Value>{combined};
      }));
  Value carried = newLoop.getResults().back();

  // After the loop: one read of the accumulator, one reduction across
  // lanes, one write; the loop's own read, reduction and write go away.
  rewriter.setInsertionPointAfter(newLoop);
  IRMapping mapping;
  for (Value operand : chunk.read->getOperands())
    if (newLoop.getRegion().isAncestor(operand.getParentRegion()))
      rewriter.clone(*operand.getDefiningOp(), mapping);
  Operation *read = rewriter.clone(*chunk.read, mapping);
  Value acc = read->getResult(0);
  if (auto extract = reduction.getAcc().getDefiningOp<vector::ExtractOp>()) {
    mapping.map(extract.getSource(), acc);
    acc = rewriter.clone(*extract, mapping)->getResult(0);
  }
  Value reduced = vector::MultiDimReductionOp::create(
      rewriter, loc, carried, acc, reduction.getReductionMask(), kind);
  Value toWrite = reduced;
  if (auto broadcast =
          chunk.write.getVector().getDefiningOp<vector::BroadcastOp>())
    toWrite = vector::BroadcastOp::create(rewriter, loc, broadcast.getType(),
                                          reduced);
  mapping.map(chunk.write.getVector(), toWrite);
  rewriter.clone(*chunk.write, mapping);

  Operation *broadcast = chunk.write.getVector().getDefiningOp();
  rewriter.eraseOp(chunk.write);
  if (broadcast && broadcast != reduction.getOperation())
    rewriter.eraseOp(broadcast);
  Operation *extract = reduction.getAcc().getDefiningOp();
  rewriter.eraseOp(reduction);
  if (extract && extract != chunk.read.getOperation())
    rewriter.eraseOp(extract);
  rewriter.eraseOp(chunk.read);
}

/// A small buffer allocated at the top of the kernel function (a reduction's
/// rank-0 accumulator) lives on the stack: no allocation call per program.
/// Only allocations directly in the
/// function body (never in a loop, where each alloca would grow the stack),
/// of at most kStackBufferBytes, used only by memory accesses and deallocs
/// outside parallel regions. (Each row of a norm or softmax allocated and
/// freed one before.)
constexpr int64_t kStackBufferBytes = 64;

void moveSmallBuffersToStack(func::FuncOp func, IRRewriter &rewriter) {
  // Users in sequential control flow only: a parallel region (outlined
  // and dispatched to other threads later) keeps its heap buffer.
  auto sequential = [&](Operation *user) {
    for (Operation *parent = user->getParentOp(); parent != func;
         parent = parent->getParentOp())
      if (!isa<scf::ForOp, scf::IfOp, scf::WhileOp>(parent))
        return false;
    return true;
  };
  SmallVector<memref::AllocOp> allocs;
  for (auto alloc : func.getBody().getOps<memref::AllocOp>()) {
    MemRefType type = alloc.getType();
    if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
        !type.getElementType().isIntOrFloat() ||
        type.getNumElements() * type.getElementTypeBitWidth() >
            8 * kStackBufferBytes)
      continue;
    bool onlyAccessed = llvm::all_of(alloc->getUses(), [&](OpOperand &use) {
      Operation *user = use.getOwner();
      if (!sequential(user))
        return false;
      if (isa<memref::DeallocOp, memref::LoadOp, vector::TransferReadOp,
              linalg::LinalgOp, memref::CopyOp>(user))
        return true;
      if (auto store = dyn_cast<memref::StoreOp>(user))
        return use.get() == store.getMemRef();
      if (auto write = dyn_cast<vector::TransferWriteOp>(user))
        return use.get() == write.getBase();
      return false;
    });
    if (onlyAccessed)
      allocs.push_back(alloc);
  }
  for (memref::AllocOp alloc : allocs) {
    for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
      if (isa<memref::DeallocOp>(user))
        rewriter.eraseOp(user);
    rewriter.setInsertionPoint(alloc);
    rewriter.replaceOpWithNewOp<memref::AllocaOp>(alloc, alloc.getType(),
                                                  alloc.getAlignmentAttr());
  }
}

struct VectorizeLinalgPass
    : public speir::impl::SpeIRVectorizeLinalgBase<VectorizeLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (!llvm::is_contained({0, 1, 2, 4, 8}, registersPerVector)) {
      func.emitError("speir-vectorize-linalg: registers-per-vector must be "
                     "0 (by register pressure), 1, 2, 4 or 8, not ")
          << registersPerVector.getValue();
      return signalPassFailure();
    }
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
    for (linalg::LinalgOp op : candidates) {
      int64_t lanes = innerTileLanes(op, vlen);
      if (vectorLengthAgnostic && takesScalableVectors(op, lanes))
        tileScalable(rewriter, op, lanes * kBitsPerVscale / vlen);
      else
        tile(rewriter, op, lanes);
    }

    // 2. Fold the peeled bounds into static tile shapes.
    canonicalize(func);

    // 3. Vectorize every statically shaped tile of a register's size, and
    //    the scalable tiles (vscale x lanes, or fewer in the masked
    //    remainder).
    SmallVector<linalg::LinalgOp> tiles, scalableTiles;
    func.walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(kScalableLanes))
        scalableTiles.push_back(op);
      else if (isCandidate(op) && op.hasPureBufferSemantics() &&
               !op.hasDynamicShape())
        tiles.push_back(op);
    });
    for (linalg::LinalgOp op : scalableTiles)
      vectorizeScalable(rewriter, op);
    foldWholeVectorMasks(func);
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

    // 4. Reductions across chunks carry a vector accumulator.
    SmallVector<ChunkReduction> chunks;
    func.walk([&](scf::ForOp loop) {
      if (std::optional<ChunkReduction> chunk = matchChunkReduction(loop))
        chunks.push_back(*chunk);
    });
    for (ChunkReduction &chunk : chunks)
      carryAccumulator(rewriter, chunk);

    // 5. The accumulators' buffers to the stack, accessed as scalars: a
    //    one-element vector load or store would need its own vector
    //    configuration (a vsetvli before the next loop, and in its header).
    moveSmallBuffersToStack(func, rewriter);
    RewritePatternSet scalarAccesses(&getContext());
    vector::populateScalarVectorTransferLoweringPatterns(
        scalarAccesses, /*benefit=*/1, /*allowMultipleUses=*/false);
    (void)applyPatternsGreedily(func, std::move(scalarAccesses));
  }

  /// Lanes per vector: `registers-per-vector` when set, else all-parallel
  /// ops by their register pressure and reductions kReductionRegisters.
  int64_t lanesFor(linalg::LinalgOp op, int64_t vlen) {
    int64_t registers = registersPerVector;
    if (registers == 0)
      registers =
          isAllParallel(op) ? registersByPressure(op) : kReductionRegisters;
    LLVM_DEBUG(llvm::dbgs() << "LMUL " << registers << " for " << *op << "\n");
    return std::max<int64_t>(1, registers * vlen / widestElementBits(op));
  }

  /// Vectors per chunk of a reduced innermost loop: kReductionChunkFactor,
  /// or fewer when the body's peak live values (registerPressure; the
  /// accumulator carried across chunks is not among them, and takes the
  /// register of the value added to it), each a chunk wide, would not fit
  /// the register file. No spill tolerance: one group too many at chunk
  /// width spills a chunk's registers on every iteration. Sums of x or
  /// x * x (1 or 2 groups) keep chunks of 8; a sum of exp(x - m) (3 groups)
  /// takes chunks of 4 vectors (speir-online-softmax's
  /// blocks, bench/compare_lowerings.py --online: 1.27 qemu instructions
  /// per element; chunks of 8 spilled and reloaded 10 register groups an
  /// iteration, 1.93; chunks of 2 halve the elements per iteration, 1.59).
  int64_t chunkFactor(linalg::LinalgOp op) {
    if (registersPerVector != 0)
      return kReductionChunkFactor;
    RegisterPressure pressure = registerPressure(op);
    int64_t registers = kVectorRegisters - (pressure.masks ? 1 : 0);
    int64_t factor = kReductionChunkFactor;
    while (factor > 1 &&
           pressure.groups * kReductionRegisters * factor > registers)
      factor /= 2;
    return factor;
  }

  /// Lanes of the innermost loop's tiles: a vector, or a chunk of
  /// chunkFactor vectors when that loop is reduced.
  int64_t innerTileLanes(linalg::LinalgOp op, int64_t vlen) {
    int64_t lanes = lanesFor(op, vlen);
    if (op.getIteratorTypesArray().back() == utils::IteratorType::reduction)
      lanes *= chunkFactor(op);
    return lanes;
  }

  /// Vector-length-agnostic code for an op that is all-parallel or reduces
  /// along its innermost loop only (a row reduction), whose innermost loop
  /// is longer than one tile (`lanes`: innerTileLanes at the target's
  /// VLEN), or unknown, and whose operands are contiguous along it.
  static bool takesScalableVectors(linalg::LinalgOp op, int64_t lanes) {
    int64_t inner = op.getStaticLoopRanges().back();
    bool reducesInnermostOnly =
        op.getNumReductionLoops() == 1 &&
        op.getIteratorTypesArray().back() == utils::IteratorType::reduction;
    return (isAllParallel(op) || reducesInnermostOnly) &&
           isContiguousAlongInnermost(op) && lowersToScalableCode(op) &&
           (ShapedType::isDynamic(inner) || inner > lanes);
  }

  /// Tiles the innermost loop by `vscale x lanes` (lanes per vscale of
  /// innerTileLanes; the outer loops by 1) and
  /// peels the remainder: the main loop's tiles are whole vectors, and the
  /// one remainder tile is vectorized with a mask.
  void tileScalable(IRRewriter &rewriter, linalg::LinalgOp op, int64_t lanes) {
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    rewriter.setInsertionPoint(op);
    Location loc = op.getLoc();
    SmallVector<OpFoldResult> tileSizes;
    for (int64_t range : ArrayRef(ranges).drop_back())
      tileSizes.push_back(rewriter.getIndexAttr(range == 1 ? 0 : 1));
    Value vscale = vector::VectorScaleOp::create(rewriter, loc);
    tileSizes.push_back(arith::MulIOp::create(rewriter, loc, vscale,
                                              arith::ConstantIndexOp::create(
                                                  rewriter, loc, lanes))
                            .getResult());
    FailureOr<scf::SCFTilingResult> tiled = tileOp(rewriter, op, tileSizes);
    if (failed(tiled))
      return;
    for (Operation *tiledOp : tiled->tiledOps)
      tiledOp->setAttr(kScalableLanes, rewriter.getI64IntegerAttr(lanes));
    peelInnermost(rewriter, *tiled);
  }

  /// Tiles `op` by `tileSizes` (0: not tiled) and erases it.
  static FailureOr<scf::SCFTilingResult>
  tileOp(IRRewriter &rewriter, linalg::LinalgOp op,
         ArrayRef<OpFoldResult> tileSizes) {
    scf::SCFTilingOptions options;
    options.setTileSizes(tileSizes);
    FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
        rewriter, cast<TilingInterface>(op.getOperation()), options);
    if (failed(tiled)) {
      LLVM_DEBUG(llvm::dbgs() << "cannot tile " << *op << "\n");
      return failure();
    }
    rewriter.eraseOp(op);
    return tiled;
  }

  /// Splits the partial last tile of the innermost tile loop off into a
  /// loop of its own, so that the main loop's tiles are whole.
  static void peelInnermost(IRRewriter &rewriter, scf::SCFTilingResult &tiled) {
    if (tiled.loops.empty())
      return;
    auto innermost = dyn_cast<scf::ForOp>(tiled.loops.back().getOperation());
    scf::ForOp partial;
    if (innermost)
      (void)scf::peelForLoopAndSimplifyBounds(rewriter, innermost, partial);
  }

  /// A scalable tile: the outer dimensions (static, of size 1) and
  /// `vscale x lanes` along the innermost, masked unless the tile is whole.
  void vectorizeScalable(IRRewriter &rewriter, linalg::LinalgOp op) {
    int64_t lanes = op->getAttrOfType<IntegerAttr>(kScalableLanes).getInt();
    op->removeAttr(kScalableLanes);
    SmallVector<int64_t> sizes = op.getStaticLoopRanges();
    if (llvm::any_of(ArrayRef(sizes).drop_back(), ShapedType::isDynamic))
      return;
    sizes.back() = lanes;
    SmallVector<bool> scalable(sizes.size(), false);
    scalable.back() = true;
    rewriter.setInsertionPoint(op);
    if (failed(linalg::vectorize(rewriter, op, sizes, scalable))) {
      LLVM_DEBUG(llvm::dbgs() << "cannot vectorize " << *op << "\n");
      return;
    }
    rewriter.eraseOp(op);
  }

  /// The main loop's scalable tiles are whole vectors (vscale x lanes
  /// elements), so their masks are all true: canonicalization folds them
  /// away (it bounds vscale x lanes against the tile's size), so that the
  /// chunk reductions of step 4 see plain multi_reductions.
  static void foldWholeVectorMasks(func::FuncOp func) {
    if (!func.walk([](vector::MaskOp) { return WalkResult::interrupt(); })
             .wasInterrupted())
      return;
    canonicalize(func);
  }

  static void canonicalize(func::FuncOp func) {
    MLIRContext *ctx = func.getContext();
    RewritePatternSet patterns(ctx);
    for (Dialect *dialect : ctx->getLoadedDialects())
      dialect->getCanonicalizationPatterns(patterns);
    for (RegisteredOperationName op : ctx->getRegisteredOperations())
      op.getCanonicalizationPatterns(patterns, ctx);
    (void)applyPatternsGreedily(func, std::move(patterns));
  }

  /// Tiles the innermost loop by `lanes` (innerTileLanes) and the outer
  /// loops by 1, and peels a partial last tile.
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
    bool innerWhole = !ShapedType::isDynamic(inner) && inner <= lanes;
    tileSizes[n - 1] = innerWhole ? 0 : lanes;
    if (llvm::all_of(tileSizes, [](int64_t s) { return s == 0; }))
      return;

    bool contiguous = isContiguousAlongInnermost(op);
    rewriter.setInsertionPoint(op);
    FailureOr<scf::SCFTilingResult> tiled = tileOp(
        rewriter, op, getAsIndexOpFoldResult(rewriter.getContext(), tileSizes));
    // A dynamic innermost loop is peeled only where its operands are
    // contiguous along it: its whole tiles then become vector loads and
    // stores; strided ones would be built element by element, slower than
    // the scalar loop the unpeeled tile keeps.
    if (failed(tiled) || innerWhole ||
        (ShapedType::isDynamic(inner) ? !contiguous : inner % lanes == 0))
      return;
    peelInnermost(rewriter, *tiled);
  }
};

} // namespace

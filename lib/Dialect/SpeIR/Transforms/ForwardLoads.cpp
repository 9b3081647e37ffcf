//===- ForwardLoads.cpp - read the frontend's loads in place --------------===//
//
// speir-forward-loads: the frontend loads a block as
//
//   %a = memref.alloc() : memref<KxN>
//   memref.copy %view, %a
//   %t = bufferization.to_tensor %a restrict writable
//
// When the copy provably fills the whole buffer, nothing else touches %a,
// the tensor is only read, and nothing that may alias %view is written
// between the copy and the last read, %t becomes
// `bufferization.to_tensor %view restrict` (not writable: bufferization then
// never writes into the kernel argument) and the alloc and copy go away.
//
// speir-fold-transpose-into-matmul: a 2-D (batch: 3-D, batch dimension kept)
// linalg.transpose whose only user is an operand of linalg.matmul /
// linalg.batch_matmul is folded into the matmul's indexing map for that
// operand; convert-linalg-to-speir reads such an operand through a
// transposed view (speir.gemm's TRANSPOSE_A/B).
//
//===----------------------------------------------------------------------===//

#include "spine/Dialect/SpeIR/Transforms/Passes.h"
#include "spine/Utils/Slices.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "speir-forward-loads"

namespace mlir::speir {
#define GEN_PASS_DEF_SPEIRFORWARDLOADS
#define GEN_PASS_DEF_SPEIRFOLDTRANSPOSEINTOMATMUL
#include "spine/Dialect/SpeIR/Transforms/Passes.h.inc"
} // namespace mlir::speir

using namespace mlir;

namespace {

/// Follows view-like ops (subview, reinterpret_cast, cast, expand/collapse,
/// transpose...) back to the buffer they view.
Value rootBuffer(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    if (auto view = dyn_cast<ViewLikeOpInterface>(def)) {
      v = view.getViewSource();
      continue;
    }
    break;
  }
  return v;
}

/// A buffer this function allocated itself: no kernel argument aliases it.
bool isLocalAllocation(Value v) {
  Value root = rootBuffer(v);
  return root.getDefiningOp<memref::AllocOp>() ||
         root.getDefiningOp<memref::AllocaOp>();
}

/// Collects, through tensor ops whose result may share the operand's buffer
/// after bufferization (slices, reshapes, casts), every use that reads the
/// loaded tensor. Fails when a use may write into it in place or is not
/// understood (a loop's iter_arg, a call, a return...).
LogicalResult collectReads(Value tensor, SmallVectorImpl<Operation *> &reads) {
  for (OpOperand &use : tensor.getUses()) {
    Operation *user = use.getOwner();
    if (isa<tensor::ExtractSliceOp, tensor::ExpandShapeOp,
            tensor::CollapseShapeOp, tensor::CastOp>(user)) {
      reads.push_back(user);
      if (failed(collectReads(user->getResult(0), reads)))
        return failure();
      continue;
    }
    if (auto dps = dyn_cast<DestinationStyleOpInterface>(user)) {
      // An init operand is where the op writes its result: bufferization
      // would write in place (or, not writable any more, copy).
      if (dps.isDpsInit(&use))
        return failure();
      reads.push_back(user);
      continue;
    }
    if (isa<tensor::ExtractOp, tensor::DimOp,
            bufferization::MaterializeInDestinationOp>(user) &&
        use.getOperandNumber() == 0) {
      reads.push_back(user);
      continue;
    }
    LLVM_DEBUG(llvm::dbgs()
               << "not forwarded: unhandled user " << *user << "\n");
    return failure();
  }
  return success();
}

/// True when some op in (from, to] (nested ops included) may write memory
/// that is not a local allocation, i.e. memory that may alias a kernel
/// argument. Ops with unknown effects count as such writes.
bool mayWriteArgumentMemory(Operation *from, Operation *to) {
  for (Operation *op = from->getNextNode(); op; op = op->getNextNode()) {
    std::optional<SmallVector<MemoryEffects::EffectInstance>> effects =
        getEffectsRecursively(op);
    if (!effects)
      return true;
    for (const MemoryEffects::EffectInstance &effect : *effects) {
      if (!isa<MemoryEffects::Write>(effect.getEffect()))
        continue;
      Value target = effect.getValue();
      if (!target || !isa<BaseMemRefType>(target.getType()) ||
          !isLocalAllocation(target))
        return true;
    }
    if (op == to)
      return false;
  }
  return true; // `to` not found after `from`: be conservative
}

/// The same shape (the copy fills the whole buffer: memref.copy requires
/// equal shapes when it runs, so a dynamic size is the alloc's too).
bool sameShape(Type a, Type b) {
  auto ta = dyn_cast<MemRefType>(a), tb = dyn_cast<MemRefType>(b);
  return ta && tb && ta.getShape() == tb.getShape() &&
         ta.getElementType() == tb.getElementType() &&
         ta.getMemorySpace() == tb.getMemorySpace();
}

/// The loaded tensor is only read (collectReads), and nothing that may
/// write memory of a kernel argument lies between `load` (the op that
/// filled the buffer, in the to_tensor's block) and the tensor's last read:
/// the frontend contract promises nothing about kernel arguments not
/// aliasing, so the viewed memory must still hold what the load copied.
bool readsBeforeAnyArgumentWrite(bufferization::ToTensorOp toTensor,
                                 Operation *load) {
  SmallVector<Operation *> reads;
  if (failed(collectReads(toTensor.getResult(), reads)))
    return false;
  // The last read, as an op of the load's block.
  Block *block = load->getBlock();
  Operation *last = toTensor;
  for (Operation *read : reads) {
    Operation *anc = block->findAncestorOpInBlock(*read);
    if (!anc)
      return false;
    if (last->isBeforeInBlock(anc))
      last = anc;
  }
  if (mayWriteArgumentMemory(load, last)) {
    LLVM_DEBUG(llvm::dbgs() << "not forwarded: possibly aliasing write "
                               "before the last read of "
                            << toTensor << "\n");
    return false;
  }
  return true;
}

/// Forwards one load; returns true when it rewrote it.
bool forwardLoad(bufferization::ToTensorOp toTensor, IRRewriter &rewriter) {
  auto alloc = toTensor.getBuffer().getDefiningOp<memref::AllocOp>();
  if (!alloc)
    return false;
  memref::CopyOp copy;
  SmallVector<Operation *> fills, deallocs;
  for (Operation *user : alloc->getUsers()) {
    if (user == toTensor.getOperation())
      continue;
    if (auto c = dyn_cast<memref::CopyOp>(user)) {
      if (copy || c.getTarget() != alloc.getResult())
        return false;
      copy = c;
      continue;
    }
    // The masked form's `other` fill before the copy: dead when the copy
    // covers the whole block (checked below).
    if (auto fill = dyn_cast<linalg::FillOp>(user)) {
      if (fill.hasPureBufferSemantics() &&
          fill.getOutputs().front() == alloc.getResult()) {
        fills.push_back(fill);
        continue;
      }
    }
    if (isa<memref::DeallocOp>(user)) {
      deallocs.push_back(user);
      continue;
    }
    LLVM_DEBUG(llvm::dbgs()
               << "not forwarded: alloc has user " << *user << "\n");
    return false;
  }
  if (!copy)
    return false;
  Value source = copy.getSource();
  if (!sameShape(source.getType(), alloc.getType()))
    return false;
  // alloc, fills, copy, to_tensor in this order in one block.
  Block *block = copy->getBlock();
  if (alloc->getBlock() != block || toTensor->getBlock() != block ||
      !copy->isBeforeInBlock(toTensor))
    return false;
  for (Operation *fill : fills)
    if (fill->getBlock() != block || !fill->isBeforeInBlock(copy))
      return false;
  for (Operation *dealloc : deallocs)
    if (dealloc->getBlock() != block || !toTensor->isBeforeInBlock(dealloc))
      return false;
  // The source must be a strided view of a kernel argument (the frontend's
  // loads). A local buffer as the source could be written by ops the
  // aliasing check below treats as harmless, or in place by bufferization.
  auto sourceType = cast<MemRefType>(source.getType());
  if (!sourceType.isStrided())
    return false;
  auto root = dyn_cast<BlockArgument>(rootBuffer(source));
  if (!root || !isa<FunctionOpInterface>(root.getOwner()->getParentOp()))
    return false;

  if (!readsBeforeAnyArgumentWrite(toTensor, copy))
    return false;
  // Reads between the copy and the to_tensor are not an issue: the source
  // is not written there (checked above), so it still holds what the copy
  // read when the tensor's users run.
  rewriter.setInsertionPoint(toTensor);
  auto forwarded = bufferization::ToTensorOp::create(
      rewriter, toTensor.getLoc(), toTensor.getType(), source,
      /*restrict=*/true, /*writable=*/false);
  rewriter.replaceOp(toTensor, forwarded.getResult());
  for (Operation *op : deallocs)
    rewriter.eraseOp(op);
  rewriter.eraseOp(copy);
  for (Operation *op : fills)
    rewriter.eraseOp(op);
  rewriter.eraseOp(alloc);
  return true;
}

//===----------------------------------------------------------------------===//
// Versioned loads read within their valid block
//===----------------------------------------------------------------------===//

/// `a <= b` for index values, by the structure of the masks' arithmetic:
/// equal values or constants, or a `minsi` with an operand <= b, or b a
/// `maxsi` with an operand >= a.
bool provablyLE(OpFoldResult a, OpFoldResult b, unsigned depth = 0) {
  std::optional<int64_t> ca = getConstantIntValue(a),
                         cb = getConstantIntValue(b);
  if (ca && cb)
    return *ca <= *cb;
  if (a == b)
    return true;
  if (depth > 8)
    return false;
  if (auto v = dyn_cast<Value>(a))
    if (auto min = v.getDefiningOp<arith::MinSIOp>())
      if (provablyLE(min.getLhs(), b, depth + 1) ||
          provablyLE(min.getRhs(), b, depth + 1))
        return true;
  if (auto v = dyn_cast<Value>(b))
    if (auto max = v.getDefiningOp<arith::MaxSIOp>())
      return provablyLE(a, max.getLhs(), depth + 1) ||
             provablyLE(a, max.getRhs(), depth + 1);
  return false;
}

/// A subview at offset 0 with unit strides: its sizes.
std::optional<SmallVector<OpFoldResult>> leadingBlock(memref::SubViewOp view) {
  if (!spine::isLeadingBlock(view))
    return std::nullopt;
  return view.getMixedSizes();
}

/// The masked load of a block whose validity is known when the kernel runs,
/// as convert-triton-to-linalg versions it:
///
///   scf.if %whole {
///     memref.copy %view, %alloc
///   } else {
///     linalg.fill ins(%other) outs(%alloc)
///     memref.copy subview(%view)[0..][s], subview(%alloc)[0..][s]
///   }
///
/// Either way, %alloc[0..][s] holds %view[0..][s]. Returns the copy's view
/// and s.
std::optional<std::pair<Value, SmallVector<OpFoldResult>>>
matchVersionedLoad(memref::AllocOp alloc, scf::IfOp ifOp) {
  if (ifOp->getNumResults() != 0 || !ifOp.elseBlock() ||
      ifOp->getBlock() != alloc->getBlock())
    return std::nullopt;
  Block *thenBlock = ifOp.thenBlock(), *elseBlock = ifOp.elseBlock();
  auto whole = dyn_cast<memref::CopyOp>(thenBlock->front());
  if (!whole || thenBlock->getOperations().size() != 2 ||
      whole.getTarget() != alloc.getResult())
    return std::nullopt;
  Value view = whole.getSource();
  memref::CopyOp part;
  bool filled = false;
  for (Operation &op : elseBlock->without_terminator()) {
    if (auto fill = dyn_cast<linalg::FillOp>(op)) {
      if (!fill.hasPureBufferSemantics() ||
          fill.getOutputs().front() != alloc.getResult())
        return std::nullopt;
      filled = true;
    } else if (auto copy = dyn_cast<memref::CopyOp>(op)) {
      if (part)
        return std::nullopt;
      part = copy;
    } else if (!isa<memref::SubViewOp>(op)) {
      return std::nullopt;
    }
  }
  if (!filled || !part)
    return std::nullopt;
  auto from = part.getSource().getDefiningOp<memref::SubViewOp>();
  auto to = part.getTarget().getDefiningOp<memref::SubViewOp>();
  if (!from || !to || from.getSource() != view ||
      to.getSource() != alloc.getResult())
    return std::nullopt;
  auto sizes = leadingBlock(from);
  auto toSizes = leadingBlock(to);
  if (!sizes || !toSizes || *sizes != *toSizes)
    return std::nullopt;
  return std::make_pair(view, *sizes);
}

/// Forwards a versioned load (matchVersionedLoad) whose tensor is read only
/// through leading slices within the valid block s: each such slice reads
/// the view in place. Returns true when it rewrote the load.
bool forwardVersionedLoad(bufferization::ToTensorOp toTensor,
                          IRRewriter &rewriter) {
  auto alloc = toTensor.getBuffer().getDefiningOp<memref::AllocOp>();
  if (!alloc || toTensor->getBlock() != alloc->getBlock())
    return false;
  scf::IfOp ifOp;
  SmallVector<Operation *> deallocs;
  for (Operation *user : alloc->getUsers()) {
    if (user == toTensor.getOperation())
      continue;
    if (isa<memref::DeallocOp>(user) && user->getBlock() == alloc->getBlock()) {
      deallocs.push_back(user);
      continue;
    }
    auto parent = user->getParentOfType<scf::IfOp>();
    if (!parent || (ifOp && parent != ifOp))
      return false;
    ifOp = parent;
  }
  if (!ifOp || !ifOp->isBeforeInBlock(toTensor))
    return false;
  auto load = matchVersionedLoad(alloc, ifOp);
  if (!load)
    return false;
  auto [view, valid] = *load;
  auto viewType = cast<MemRefType>(view.getType());
  auto root = dyn_cast<BlockArgument>(rootBuffer(view));
  if (!viewType.isStrided() ||
      viewType.getShape() != alloc.getType().getShape() || !root ||
      !isa<FunctionOpInterface>(root.getOwner()->getParentOp()))
    return false;
  // The forwarded to_tensor reads the view where the old one stood (a
  // block argument the if op uses dominates it already).
  if (Operation *def = view.getDefiningOp();
      def && (def->getBlock() != toTensor->getBlock() ||
              !def->isBeforeInBlock(toTensor)))
    return false;

  SmallVector<tensor::ExtractSliceOp> slices;
  for (Operation *user : toTensor->getUsers()) {
    auto slice = dyn_cast<tensor::ExtractSliceOp>(user);
    if (!slice || !spine::isLeadingBlock(slice))
      return false;
    for (auto [size, bound] : llvm::zip(slice.getMixedSizes(), valid))
      if (!provablyLE(size, bound))
        return false;
    slices.push_back(slice);
  }
  if (slices.empty() || !readsBeforeAnyArgumentWrite(toTensor, ifOp))
    return false;
  rewriter.setInsertionPoint(toTensor);
  auto forwarded = bufferization::ToTensorOp::create(
      rewriter, toTensor.getLoc(), toTensor.getType(), view,
      /*restrict=*/true, /*writable=*/false);
  for (tensor::ExtractSliceOp slice : slices)
    rewriter.modifyOpInPlace(
        slice, [&] { slice.getSourceMutable().set(forwarded.getResult()); });
  rewriter.eraseOp(toTensor);
  for (Operation *op : deallocs)
    rewriter.eraseOp(op);
  rewriter.eraseOp(ifOp);
  rewriter.eraseOp(alloc);
  return true;
}

struct ForwardLoadsPass
    : public speir::impl::SpeIRForwardLoadsBase<ForwardLoadsPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    SmallVector<bufferization::ToTensorOp> candidates;
    bool writableArgumentTensor = false;
    getOperation()->walk([&](bufferization::ToTensorOp op) {
      if (op.getBuffer().getDefiningOp<memref::AllocOp>())
        candidates.push_back(op);
      else if (op.getWritable() && !isLocalAllocation(op.getBuffer()))
        writableArgumentTensor = true;
    });
    // A writable tensor on a kernel argument's memory may be written in
    // place by bufferization: writes that are not visible as memory effects
    // yet, so no load is known not to alias them.
    if (writableArgumentTensor)
      return;
    for (bufferization::ToTensorOp op : candidates)
      if (!forwardLoad(op, rewriter))
        forwardVersionedLoad(op, rewriter);
  }
};

//===----------------------------------------------------------------------===//
// Transpose folding
//===----------------------------------------------------------------------===//

/// The permutation that swaps the two innermost dimensions of a rank-r value.
bool swapsInnerTwo(ArrayRef<int64_t> perm) {
  unsigned r = perm.size();
  if (r < 2)
    return false;
  for (unsigned i = 0; i + 2 < r; ++i)
    if (perm[i] != static_cast<int64_t>(i))
      return false;
  return perm[r - 2] == r - 1 && perm[r - 1] == r - 2;
}

/// Swaps the last two results of an operand's indexing map.
AffineMap swapLastTwoResults(AffineMap map) {
  SmallVector<AffineExpr> results(map.getResults());
  std::swap(results[results.size() - 2], results[results.size() - 1]);
  return AffineMap::get(map.getNumDims(), map.getNumSymbols(), results,
                        map.getContext());
}

template <typename MatmulTy>
bool foldTransposes(MatmulTy op, unsigned rank, IRRewriter &rewriter,
                    SmallVectorImpl<Operation *> &folded) {
  if (!op.hasPureTensorSemantics())
    return false;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  bool changed = false;
  SmallVector<Value> inputs(op.getInputs());
  for (unsigned i = 0; i < 2; ++i) {
    auto transpose = inputs[i].template getDefiningOp<linalg::TransposeOp>();
    if (!transpose || !transpose->hasOneUse() ||
        !swapsInnerTwo(transpose.getPermutation()) ||
        cast<ShapedType>(inputs[i].getType()).getRank() != rank ||
        maps[i].getNumResults() != rank)
      continue;
    maps[i] = swapLastTwoResults(maps[i]);
    inputs[i] = transpose.getInput();
    folded.push_back(transpose);
    changed = true;
  }
  if (!changed)
    return false;
  SmallVector<Attribute> mapAttrs;
  for (AffineMap map : maps)
    mapAttrs.push_back(AffineMapAttr::get(map));
  rewriter.modifyOpInPlace(op, [&] {
    op.setIndexingMapsAttr(rewriter.getArrayAttr(mapAttrs));
    for (unsigned i = 0; i < 2; ++i)
      op.getInputsMutable()[i].set(inputs[i]);
  });
  return true;
}

struct FoldTransposeIntoMatmulPass
    : public speir::impl::SpeIRFoldTransposeIntoMatmulBase<
          FoldTransposeIntoMatmulPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    SmallVector<Operation *> ops;
    getOperation()->walk([&](Operation *op) {
      if (isa<linalg::MatmulOp, linalg::BatchMatmulOp>(op))
        ops.push_back(op);
    });
    // The folded transposes had the matmul as their only user: dead now.
    SmallVector<Operation *> folded;
    for (Operation *op : ops) {
      if (auto mm = dyn_cast<linalg::MatmulOp>(op))
        foldTransposes(mm, 2, rewriter, folded);
      else
        foldTransposes(cast<linalg::BatchMatmulOp>(op), 3, rewriter, folded);
    }
    for (Operation *t : folded)
      rewriter.eraseOp(t);
  }
};

} // namespace

#include "spine/Conversion/RuntimeABI.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "speir/abi.h"
#include "llvm/Support/xxhash.h"

#include <cstddef>
#include <type_traits>

using namespace mlir;
using namespace mlir::spine;

namespace {

/// The LLVM type of a C parameter or result type of the runtime ABI: plain C,
/// so fixed-width integers, pointers (data, descriptors, callbacks) and void.
template <typename T> Type llvmTypeOf(MLIRContext *ctx) {
  if constexpr (std::is_void_v<T>)
    return LLVM::LLVMVoidType::get(ctx);
  else if constexpr (std::is_pointer_v<T>)
    return LLVM::LLVMPointerType::get(ctx);
  else if constexpr (std::is_integral_v<T> || std::is_enum_v<T>)
    return IntegerType::get(ctx, 8 * sizeof(T));
  else
    static_assert(sizeof(T) == 0,
                  "a runtime ABI type with no LLVM equivalent: pass it by "
                  "pointer or as a fixed-width integer");
}

template <typename R, typename... Args>
LLVM::LLVMFunctionType llvmFunctionTypeOf(MLIRContext *ctx, R (*)(Args...)) {
  return LLVM::LLVMFunctionType::get(llvmTypeOf<R>(ctx),
                                     {llvmTypeOf<Args>(ctx)...});
}

} // namespace

// The descriptor is passed as an array of kConv2dDescFields int64 values.
static_assert(
    sizeof(speir_conv2d_desc_t) == kConv2dDescFields * sizeof(int64_t) &&
        offsetof(speir_conv2d_desc_t, in_strides) == 16 * sizeof(int64_t) &&
        offsetof(speir_conv2d_desc_t, filter_strides) == 20 * sizeof(int64_t) &&
        offsetof(speir_conv2d_desc_t, out_strides) == 24 * sizeof(int64_t),
    "speir_conv2d_desc_t changed in speir/abi.h: update RuntimeABI.h");
// speir_gemm_epilogue_t's fields in declaration order: getGemmEpilogueType
// takes each LLVM field type from the C member. The check below fails the
// build when a member is added, removed or reordered in abi.h without this
// list, or when the C layout has padding LLVM's natural alignment would not
// reproduce.
// clang-format off
#define SPINE_GEMM_EPILOGUE_FIELDS(X)                                          \
  X(scale_kind)                                                                \
  X(bias_kind)                                                                 \
  X(activation) X(out_type) X(scale) X(bias) X(residual) X(ldr) X(out) X(ldo)
// clang-format on

static constexpr bool epilogueFieldsAreTheStruct() {
  using E = speir_gemm_epilogue_t;
  size_t end = 0;
#define SPINE_EPILOGUE_FIELD_FOLLOWS(field)                                    \
  if (offsetof(E, field) != (end + alignof(decltype(E::field)) - 1) /          \
                                alignof(decltype(E::field)) *                  \
                                alignof(decltype(E::field)))                   \
    return false;                                                              \
  end = offsetof(E, field) + sizeof(E::field);
  SPINE_GEMM_EPILOGUE_FIELDS(SPINE_EPILOGUE_FIELD_FOLLOWS)
#undef SPINE_EPILOGUE_FIELD_FOLLOWS
  return end == sizeof(E);
}
static_assert(epilogueFieldsAreTheStruct(),
              "speir_gemm_epilogue_t changed in speir/abi.h: update "
              "SPINE_GEMM_EPILOGUE_FIELDS in RuntimeABI.cpp");

LLVM::LLVMStructType mlir::spine::getGemmEpilogueType(MLIRContext *ctx) {
#define SPINE_EPILOGUE_FIELD_TYPE(field)                                       \
  llvmTypeOf<decltype(speir_gemm_epilogue_t::field)>(ctx),
  return LLVM::LLVMStructType::getLiteral(
      ctx, {SPINE_GEMM_EPILOGUE_FIELDS(SPINE_EPILOGUE_FIELD_TYPE)});
#undef SPINE_EPILOGUE_FIELD_TYPE
}

StringRef mlir::spine::getRuntimeFnName(RuntimeFn fn) {
  switch (fn) {
#define SPINE_RUNTIME_FN_NAME(enumerator, symbol)                              \
  case RuntimeFn::enumerator:                                                  \
    return #symbol;
    SPINE_RUNTIME_FUNCTIONS(SPINE_RUNTIME_FN_NAME)
#undef SPINE_RUNTIME_FN_NAME
  }
  llvm_unreachable("unknown runtime function");
}

LLVM::LLVMFunctionType mlir::spine::getRuntimeFnType(MLIRContext *ctx,
                                                     RuntimeFn fn) {
  // decltype(&::symbol) names the C declaration's type without referencing
  // the symbol: spine-opt does not link the runtime.
  switch (fn) {
#define SPINE_RUNTIME_FN_TYPE(enumerator, symbol)                              \
  case RuntimeFn::enumerator:                                                  \
    return llvmFunctionTypeOf(ctx, static_cast<decltype(&::symbol)>(nullptr));
    SPINE_RUNTIME_FUNCTIONS(SPINE_RUNTIME_FN_TYPE)
#undef SPINE_RUNTIME_FN_TYPE
  }
  llvm_unreachable("unknown runtime function");
}

FailureOr<LLVM::LLVMFuncOp> mlir::spine::getOrInsertRuntimeFn(Operation *module,
                                                              RuntimeFn fn) {
  MLIRContext *ctx = module->getContext();
  StringRef name = getRuntimeFnName(fn);
  LLVM::LLVMFunctionType type = getRuntimeFnType(ctx, fn);
  SymbolTable symbols(module);
  if (Operation *existing = symbols.lookup(name)) {
    auto func = dyn_cast<LLVM::LLVMFuncOp>(existing);
    if (func && func.getFunctionType() == type)
      return func;
    return existing->emitError("'")
           << name << "' is a runtime function of type " << type
           << " and cannot be redefined";
  }
  OpBuilder builder(ctx);
  builder.setInsertionPointToStart(&module->getRegion(0).front());
  auto func = LLVM::LLVMFuncOp::create(builder, module->getLoc(), name, type);
  return func;
}

/// "<file>:<line>:<col>: " of the first file location in `loc`, or "".
static std::string locationPrefix(Location loc) {
  std::string prefix;
  loc->walk([&](Location inner) {
    auto file = dyn_cast<FileLineColLoc>(inner);
    if (!file)
      return WalkResult::advance();
    prefix = (file.getFilename().getValue() + ":" + Twine(file.getLine()) +
              ":" + Twine(file.getColumn()) + ": ")
                 .str();
    return WalkResult::interrupt();
  });
  return prefix;
}

/// A pointer to a NUL-terminated constant copy of `text` in `module`. The
/// global is named by a hash of its contents, so equal messages share one and
/// a lookup finds it without building a symbol table (a name taken by other
/// contents moves on to the next number).
static Value messageAddress(OpBuilder &builder, Location loc, Operation *module,
                            StringRef text) {
  MLIRContext *ctx = module->getContext();
  std::string value = (text + Twine('\0')).str();
  std::string name;
  for (uint64_t hash = llvm::xxh3_64bits(value);; ++hash) {
    name = ("__speir_failure_message_" + Twine(hash)).str();
    Operation *symbol = SymbolTable::lookupSymbolIn(module, name);
    if (!symbol) {
      OpBuilder moduleBuilder(ctx);
      moduleBuilder.setInsertionPointToStart(&module->getRegion(0).front());
      auto type =
          LLVM::LLVMArrayType::get(IntegerType::get(ctx, 8), value.size());
      LLVM::GlobalOp::create(moduleBuilder, loc, type, /*isConstant=*/true,
                             LLVM::Linkage::Internal, name,
                             moduleBuilder.getStringAttr(value));
      break;
    }
    auto global = dyn_cast<LLVM::GlobalOp>(symbol);
    auto existing = global
                        ? dyn_cast_or_null<StringAttr>(global.getValueOrNull())
                        : nullptr;
    if (global && global.getConstant() && existing &&
        existing.getValue() == value)
      break;
  }
  return LLVM::AddressOfOp::create(builder, loc,
                                   LLVM::LLVMPointerType::get(ctx), name);
}

LogicalResult mlir::spine::emitRuntimeStatusCheck(OpBuilder &builder,
                                                  Location loc,
                                                  Operation *module,
                                                  Value status,
                                                  StringRef what) {
  FailureOr<LLVM::LLVMFuncOp> report =
      getOrInsertRuntimeFn(module, RuntimeFn::ReportFailure);
  if (failed(report))
    return failure();
  Value zero = arith::ConstantIntOp::create(builder, loc, status.getType(), 0);
  Value failedCall = arith::CmpIOp::create(
      builder, loc, arith::CmpIPredicate::ne, status, zero);
  auto ifOp = scf::IfOp::create(builder, loc, failedCall, /*withElse=*/false);
  OpBuilder thenBuilder = ifOp.getThenBodyBuilder();
  Value message = messageAddress(thenBuilder, loc, module,
                                 locationPrefix(loc) + what.str());
  LLVM::CallOp::create(thenBuilder, loc, *report, ValueRange{status, message});
  return success();
}

#include "spine/Dialect/SpeIR/IR/ContractionTypes.h"

#include "speir/abi.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

using namespace mlir;

namespace {

using speir::ContractionKernel;

enum class Elem { F32, F16, BF16, I8, I32 };

struct Row {
  Elem operand; // lhs and rhs
  Elem acc;
  bool lhsUnsigned, rhsUnsigned;
  int32_t code;
  bool tiled; // the packed tile kernels have it too (speir_gemm has all)
};

// Rows with the same operand type stay together (diagnostics group them).
constexpr Row kRows[] = {
    {Elem::F32, Elem::F32, false, false, SPEIR_GEMM_F32_F32_F32, true},
    {Elem::F16, Elem::F32, false, false, SPEIR_GEMM_F16_F16_F32, true},
    {Elem::F16, Elem::F16, false, false, SPEIR_GEMM_F16_F16_F16, true},
    {Elem::BF16, Elem::F32, false, false, SPEIR_GEMM_BF16_BF16_F32, false},
    {Elem::I8, Elem::I32, false, false, SPEIR_GEMM_S8_S8_S32, true},
    {Elem::I8, Elem::I32, true, false, SPEIR_GEMM_U8_S8_S32, true},
    {Elem::I8, Elem::I32, false, true, SPEIR_GEMM_S8_U8_S32, true},
    {Elem::I8, Elem::I32, true, true, SPEIR_GEMM_U8_U8_S32, true},
};

bool serves(const Row &row, ContractionKernel kernel) {
  return kernel == ContractionKernel::Gemm || row.tiled;
}

bool is(Type type, Elem elem) {
  switch (elem) {
  case Elem::F32:
    return type.isF32();
  case Elem::F16:
    return type.isF16();
  case Elem::BF16:
    return type.isBF16();
  case Elem::I8:
    return type.isInteger(8);
  case Elem::I32:
    return type.isInteger(32);
  }
  return false;
}

llvm::StringRef nameOf(Elem elem) {
  switch (elem) {
  case Elem::F32:
    return "f32";
  case Elem::F16:
    return "f16";
  case Elem::BF16:
    return "bf16";
  case Elem::I8:
    return "i8";
  case Elem::I32:
    return "i32";
  }
  return "?";
}

} // namespace

std::optional<int32_t>
mlir::speir::getContractionTypeCode(ContractionKernel kernel, Type lhs,
                                    Type rhs, Type acc, bool lhsUnsigned,
                                    bool rhsUnsigned) {
  if (lhs != rhs)
    return std::nullopt;
  for (const Row &row : kRows)
    if (serves(row, kernel) && is(lhs, row.operand) && is(acc, row.acc) &&
        row.lhsUnsigned == lhsUnsigned && row.rhsUnsigned == rhsUnsigned)
      return row.code;
  return std::nullopt;
}

std::string mlir::speir::describeSupportedContractions(ContractionKernel kernel,
                                                       bool unary) {
  // One entry per operand type: "(f16, f16) -> f32/f16".
  llvm::SmallVector<std::string> entries;
  const Row *groupStart = nullptr;
  for (const Row &row : kRows) {
    if (!serves(row, kernel))
      continue;
    if (!groupStart || groupStart->operand != row.operand) {
      groupStart = &row;
      llvm::StringRef op = nameOf(row.operand);
      entries.push_back(
          (unary ? op.str() : ("(" + op + ", " + op + ")").str()) + " -> " +
          nameOf(row.acc).str());
      continue;
    }
    // Another accumulator for the same operands (signedness variants of
    // one type pair add nothing).
    bool seen =
        llvm::any_of(llvm::make_range(groupStart, &row), [&](const Row &r) {
          return serves(r, kernel) && r.acc == row.acc;
        });
    if (!seen)
      entries.back() += "/" + nameOf(row.acc).str();
  }
  std::string text;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i)
      text += i + 1 == entries.size() ? " or " : ", ";
    text += entries[i];
  }
  return text;
}

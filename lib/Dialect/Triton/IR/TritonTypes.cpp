// Types, attributes and enums of the tt dialect, and the type helpers the
// op definitions use.

#include "spine/Dialect/Triton/IR/Triton.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::triton;

#include "spine/Dialect/Triton/IR/TritonEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "spine/Dialect/Triton/IR/TritonAttrs.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "spine/Dialect/Triton/IR/TritonTypes.cpp.inc"

void TritonDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "spine/Dialect/Triton/IR/TritonTypes.cpp.inc"
      >();
}

void TritonDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "spine/Dialect/Triton/IR/TritonAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// PointerType
//===----------------------------------------------------------------------===//

// !tt.ptr<T> | !tt.ptr<T, "constant"> | !tt.ptr<T, 3>
Type PointerType::parse(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  Type pointee;
  if (parser.parseLess() || parser.parseType(pointee))
    return {};
  int addressSpace = static_cast<int>(PtrAddrSpace::Global);
  if (succeeded(parser.parseOptionalComma())) {
    SMLoc spaceLoc = parser.getCurrentLocation();
    std::string name;
    if (succeeded(parser.parseOptionalString(&name))) {
      std::optional<PtrAddrSpace> space = symbolizePtrAddrSpace(name);
      if (!space) {
        parser.emitError(spaceLoc, "unknown address space \"")
            << name << "\"; known: \"global\", \"constant\", \"descriptor\"";
        return {};
      }
      addressSpace = static_cast<int>(*space);
    } else if (parser.parseInteger(addressSpace)) {
      return {};
    }
  }
  if (parser.parseGreater())
    return {};
  return parser.getChecked<PointerType>(loc, parser.getContext(), pointee,
                                        addressSpace);
}

void PointerType::print(AsmPrinter &printer) const {
  printer << "<" << getPointeeType();
  int space = getAddressSpace();
  if (space != static_cast<int>(PtrAddrSpace::Global)) {
    std::optional<PtrAddrSpace> named =
        space < 0 ? std::nullopt
                  : symbolizePtrAddrSpace(static_cast<uint32_t>(space));
    if (named)
      printer << ", \"" << stringifyPtrAddrSpace(*named) << "\"";
    else
      printer << ", " << space;
  }
  printer << ">";
}

LogicalResult PointerType::verify(function_ref<InFlightDiagnostic()> emitError,
                                  Type pointeeType, int addressSpace) {
  if (!isa<IntegerType, FloatType>(pointeeType))
    return emitError() << "!tt.ptr must point to an integer or float type, "
                          "not "
                       << pointeeType;
  if (addressSpace < 0)
    return emitError() << "!tt.ptr address space must not be negative, got "
                       << addressSpace;
  return success();
}

//===----------------------------------------------------------------------===//
// TensorDescType
//===----------------------------------------------------------------------===//

// !tt.tensordesc<64x32xf16> | !tt.tensordesc<64x32xf16, #layout>
Type TensorDescType::parse(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  SmallVector<int64_t> shape;
  Type elementType;
  if (parser.parseLess() ||
      parser.parseDimensionList(shape, /*allowDynamic=*/false) ||
      parser.parseType(elementType))
    return {};
  Attribute layout;
  if (succeeded(parser.parseOptionalComma()) && parser.parseAttribute(layout))
    return {};
  if (parser.parseGreater())
    return {};
  return parser.getChecked<TensorDescType>(loc, parser.getContext(), shape,
                                           elementType, layout);
}

void TensorDescType::print(AsmPrinter &printer) const {
  printer << "<";
  for (int64_t dim : getShape())
    printer << dim << "x";
  printer << getElementType();
  if (Attribute layout = getSharedLayout())
    printer << ", " << layout;
  printer << ">";
}

LogicalResult
TensorDescType::verify(function_ref<InFlightDiagnostic()> emitError,
                       ArrayRef<int64_t> shape, Type elementType,
                       Attribute sharedLayout) {
  if (isa<TensorType>(elementType))
    return emitError() << "!tt.tensordesc takes the block shape and element "
                          "type directly (!tt.tensordesc<64x32xf16>), not a "
                          "tensor type";
  if (!isa<IntegerType, FloatType>(elementType))
    return emitError() << "!tt.tensordesc element type must be an integer or "
                          "float type, not "
                       << elementType;
  if (shape.empty())
    return emitError() << "!tt.tensordesc block must have at least one "
                          "dimension";
  for (int64_t dim : shape)
    if (dim <= 0)
      return emitError() << "!tt.tensordesc block dimensions must be "
                            "positive, got "
                         << dim;
  return success();
}

RankedTensorType TensorDescType::getBlockType() const {
  return RankedTensorType::get(getShape(), getElementType());
}

RankedTensorType TensorDescType::getSignlessBlockType() const {
  Type element = getElementType();
  if (auto intType = dyn_cast<IntegerType>(element);
      intType && !intType.isSignless())
    element = IntegerType::get(getContext(), intType.getWidth());
  return RankedTensorType::get(getShape(), element);
}

//===----------------------------------------------------------------------===//
// Type helpers
//===----------------------------------------------------------------------===//

Type mlir::triton::getPointeeType(Type type) {
  if (auto tensor = dyn_cast<RankedTensorType>(type)) {
    if (auto ptr = dyn_cast<PointerType>(tensor.getElementType()))
      return tensor.clone(ptr.getPointeeType());
    return type;
  }
  if (auto ptr = dyn_cast<PointerType>(type))
    return ptr.getPointeeType();
  return type;
}

static Type withElementType(Type type, Type element) {
  if (auto tensor = dyn_cast<RankedTensorType>(type))
    return tensor.clone(element);
  return element;
}

Type mlir::triton::getI1SameShape(Type type) {
  return withElementType(type, IntegerType::get(type.getContext(), 1));
}

Type mlir::triton::getI32SameShape(Type type) {
  return withElementType(type, IntegerType::get(type.getContext(), 32));
}

Type mlir::triton::getPointerTypeSameShape(Type type, int addressSpace) {
  return withElementType(
      type, PointerType::get(getElementTypeOrSelf(type), addressSpace));
}

Type mlir::triton::getPointerType(Type type, int addressSpace) {
  return PointerType::get(type, addressSpace);
}

int mlir::triton::getAddressSpace(Type type) {
  if (auto ptr = dyn_cast<PointerType>(getElementTypeOrSelf(type)))
    return ptr.getAddressSpace();
  return static_cast<int>(PtrAddrSpace::Global);
}

unsigned mlir::triton::getPointeeBitWidth(Type type) {
  return getElementTypeOrSelf(getPointeeType(type)).getIntOrFloatBitWidth();
}

bool mlir::triton::isPtrLike(Type type) {
  return isa<PointerType>(getElementTypeOrSelf(type));
}

// spine-opt: the Spine compiler driver. Parses MLIR (including the Spine
// Triton frontend's linalgdir output), runs passes and pipelines, prints MLIR.

#include "spine/Conversion/Passes.h"
#include "spine/Dialect/SpeIR/IR/SpeIR.h"
#include "spine/Dialect/SpeIR/Transforms/Passes.h"
#include "spine/Dialect/Triton/IR/Triton.h"
#include "spine/Dialect/XSMTAsync/IR/XSMTAsync.h"
#include "spine/Pipelines/Pipelines.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<mlir::speir::SpeIRDialect, mlir::triton::TritonDialect,
                  mlir::xsmt_async::XSMTAsyncDialect>();

  mlir::registerAllPasses();
  mlir::speir::registerSpeIRTransformsPasses();
  mlir::spine::registerSpineConversionPasses();
  mlir::spine::registerSpinePipelines();

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Spine compiler driver\n", registry));
}

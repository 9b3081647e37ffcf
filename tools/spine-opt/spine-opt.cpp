// spine-opt: the Spine compiler driver. Parses MLIR (including the Spine
// Triton frontend's linalgdir output and stock Triton's TTIR), runs passes
// and pipelines, prints MLIR.
//
// spine-opt never dies by a signal: a fault while parsing, in a pass (ours or
// upstream MLIR's) or while printing is caught (LLVM's crash recovery) and
// reported as an internal error naming the phase, with exit status
// kInternalErrorExitCode. With --mlir-pass-pipeline-crash-reproducer=<file>,
// MLIR also writes the reproducer of a crashing pass there.

#include "spine/Conversion/Passes.h"
#include "spine/Dialect/SpeIR/IR/SpeIR.h"
#include "spine/Dialect/SpeIR/Transforms/Passes.h"
#include "spine/Dialect/Triton/IR/Triton.h"
#include "spine/Dialect/XSMTAsync/IR/XSMTAsync.h"
#include "spine/Pipelines/Pipelines.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/Verifier.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

#include <csignal>
#include <cstring>

namespace {

/// The exit status of an internal error (a crash caught), as sysexits.h's
/// EX_SOFTWARE; ordinary errors in the input exit with 1.
constexpr int kInternalErrorExitCode = 70;

/// What the driver is doing, for the report of a crash. Passes run on the
/// main thread (see main), so plain globals suffice.
std::string phase = "parsing the input";
bool passInFlight = false;
/// Whether MLIR writes a crash reproducer
/// (--mlir-pass-pipeline-crash-reproducer).
bool reproducerAsked = false;
/// Whether an error was reported in the current input (or split chunk)
/// before a crash: some upstream parsers fault only after diagnosing
/// malformed input, which is then an ordinary error, not an internal one.
bool errorReported = false;

/// Watches every context's diagnostics for errors, passing each on to the
/// driver's own handler: an extension per registered dialect installs the
/// watch when that dialect is loaded, i.e. after MlirOptMain's handler, so
/// that it sees diagnostics first (handlers run newest first). A context can
/// carry several watches; the builtin dialect, loaded when a context (one per
/// split-input chunk) is made, resets the flag.
class ErrorWatch : public mlir::DialectExtensionBase {
public:
  explicit ErrorWatch(llvm::StringRef dialect)
      : DialectExtensionBase(llvm::ArrayRef<llvm::StringRef>(dialect)),
        dialect(dialect) {}

  static void addTo(mlir::DialectRegistry &registry) {
    for (llvm::StringRef name : registry.getDialectNames())
      registry.addExtension(mlir::TypeID::getFromOpaquePointer(name.data()),
                            std::make_unique<ErrorWatch>(name));
  }

  void apply(mlir::MLIRContext *ctx,
             llvm::MutableArrayRef<mlir::Dialect *>) const override {
    if (dialect == mlir::BuiltinDialect::getDialectNamespace()) {
      errorReported = false;
      return;
    }
    ctx->getDiagEngine().registerHandler([](mlir::Diagnostic &diag) {
      if (diag.getSeverity() == mlir::DiagnosticSeverity::Error)
        errorReported = true;
      return mlir::failure();
    });
  }

  std::unique_ptr<mlir::DialectExtensionBase> clone() const override {
    return std::make_unique<ErrorWatch>(*this);
  }

private:
  llvm::StringRef dialect;
};

struct PhaseTracker : public mlir::PassInstrumentation {
  void runBeforePass(mlir::Pass *pass, mlir::Operation *op) override {
    phase = "running pass '" + pass->getArgument().str() + "'";
    if (pass->getArgument().empty())
      phase = "running pass " + pass->getName().str();
    if (auto name = op->getAttrOfType<mlir::StringAttr>("sym_name"))
      phase += " on @" + name.str();
    passInFlight = true;
  }
  void runAfterPass(mlir::Pass *, mlir::Operation *) override {
    passInFlight = false;
  }
  void runAfterPassFailed(mlir::Pass *, mlir::Operation *) override {
    passInFlight = false;
    phase = "printing diagnostics or parsing the next input";
  }
  void runAfterPipeline(std::optional<mlir::OperationName>,
                        const PipelineParentInfo &) override {
    if (!passInFlight)
      phase = "printing the output or parsing the next input";
  }
};

/// A pass that crashes, for the tests of the crash reporting.
struct TestCrashPass
    : public mlir::PassWrapper<TestCrashPass, mlir::OperationPass<>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(TestCrashPass)
  llvm::StringRef getArgument() const final { return "spine-test-crash"; }
  llvm::StringRef getDescription() const final {
    return "Crash (SIGSEGV), to test spine-opt's crash reporting";
  }
  void runOnOperation() override { std::raise(SIGSEGV); }
};

/// Upstream verifiers that fault on some malformed input instead of
/// diagnosing it: ops whose static index lists hold ShapedType::kDynamic
/// (INT64_MIN) for a value given by an operand, and whose verifiers index
/// those operands without counting them. linalg.pack/unpack's inner tiles
/// and tensor.pad's low/high padding (which then also faults the printer).
mlir::LogicalResult checkKnownVerifierFaults(mlir::Operation *root) {
  mlir::WalkResult result = root->walk([](mlir::Operation *op) {
    struct IndexList {
      const char *name;
      llvm::ArrayRef<int64_t> values;
      size_t operands;
    };
    llvm::SmallVector<IndexList, 2> lists;
    if (auto pack = llvm::dyn_cast<mlir::linalg::PackOp>(op))
      lists.push_back({"inner tiles", pack.getStaticInnerTiles(),
                       pack.getInnerTiles().size()});
    else if (auto unpack = llvm::dyn_cast<mlir::linalg::UnPackOp>(op))
      lists.push_back({"inner tiles", unpack.getStaticInnerTiles(),
                       unpack.getInnerTiles().size()});
    else if (auto pad = llvm::dyn_cast<mlir::tensor::PadOp>(op))
      lists.append(
          {{"low paddings", pad.getStaticLow(), pad.getLow().size()},
           {"high paddings", pad.getStaticHigh(), pad.getHigh().size()}});
    for (const IndexList &list : lists) {
      size_t dynamic = llvm::count(list.values, mlir::ShapedType::kDynamic);
      if (dynamic == list.operands)
        continue;
      op->emitOpError() << "has " << dynamic << " " << list.name << " equal to "
                        << mlir::ShapedType::kDynamic
                        << " (the marker of a dynamic value) but "
                        << list.operands << " such operands";
      return mlir::WalkResult::interrupt();
    }
    return mlir::WalkResult::advance();
  });
  return mlir::failure(result.wasInterrupted());
}

/// Input on which LLVM 22's parsers fault before any diagnostic, found in
/// the text before the parser sees it (outside `//` comments, one line at a
/// time: a construct written over several lines escapes the check and is
/// then an internal error).
struct KnownParserFault {
  llvm::Regex pattern;
  const char *message;
};

const KnownParserFault kKnownParserFaults[] = {
    // The parsers build the op's region with a null error callback, which
    // is called (a jump to address 0) for index elements.
    {llvm::Regex("linalg\\.batch_(reduce_)?matmul.*x *index *>"),
     "linalg.batch_matmul and linalg.batch_reduce_matmul on index elements "
     "are not supported (MLIR's parser of these ops faults on them); use a "
     "linalg.generic"},
    // The dense array parser asks an index type for its bit width.
    {llvm::Regex("array< *index *[:>]"),
     "dense arrays of index elements are not supported (MLIR's parser "
     "faults on them); use i64"},
};

/// Reports the first known parser fault in the input; false if one was found.
bool checkKnownParserFaults(const llvm::MemoryBuffer &input,
                            llvm::StringRef inputName) {
  llvm::StringRef text = input.getBuffer();
  for (llvm::StringRef rest = text; !rest.empty();) {
    auto [line, next] = rest.split('\n');
    rest = next;
    if (line.ltrim().starts_with("//"))
      continue;
    for (const KnownParserFault &fault : kKnownParserFaults) {
      llvm::SmallVector<llvm::StringRef> match;
      if (!fault.pattern.match(line, &match))
        continue;
      llvm::SourceMgr sourceMgr;
      sourceMgr.AddNewSourceBuffer(
          llvm::MemoryBuffer::getMemBuffer(text, inputName), llvm::SMLoc());
      sourceMgr.PrintMessage(llvm::SMLoc::getFromPointer(match[0].data()),
                             llvm::SourceMgr::DK_Error, fault.message);
      return false;
    }
  }
  return true;
}

/// Verifies the parsed input, which the parser no longer does (see main):
/// first the checks for known upstream verifier faults, then the verifier.
struct VerifyInputPass
    : public mlir::PassWrapper<VerifyInputPass, mlir::OperationPass<>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(VerifyInputPass)
  llvm::StringRef getArgument() const final { return "spine-verify-input"; }
  llvm::StringRef getDescription() const final {
    return "Verify the input, diagnosing malformed IR on which upstream "
           "verifiers are known to fault (spine-opt runs it first)";
  }
  void runOnOperation() override {
    if (mlir::failed(checkKnownVerifierFaults(getOperation())) ||
        mlir::failed(mlir::verify(getOperation())))
      signalPassFailure();
  }
};

int reportInternalError(llvm::StringRef input) {
  llvm::errs() << (input == "-" ? "<stdin>" : input)
               << ": internal error: spine-opt crashed while " << phase
               << "; this is a compiler bug, please report it with the input";
  if (passInFlight && !reproducerAsked)
    llvm::errs() << " (rerun with --mlir-pass-pipeline-crash-reproducer=<file> "
                    "for a reproducer of the failing pass)";
  llvm::errs() << "\n";
  return kInternalErrorExitCode;
}

} // namespace

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<mlir::speir::SpeIRDialect, mlir::triton::TritonDialect,
                  mlir::xsmt_async::XSMTAsyncDialect>();
  ErrorWatch::addTo(registry);

  mlir::registerAllPasses();
  mlir::speir::registerSpeIRTransformsPasses();
  mlir::spine::registerSpineConversionPasses();
  mlir::spine::registerSpinePipelines();
  mlir::PassRegistration<TestCrashPass>();
  mlir::PassRegistration<VerifyInputPass>();

  // Passes on one thread: crash recovery covers the thread that runs it, and
  // a kernel module has one function to work on anyway.
  llvm::SmallVector<char *> args(argv, argv + argc);
  static char disableThreading[] = "--mlir-disable-threading";
  if (llvm::none_of(args, [](const char *arg) {
        return std::strcmp(arg, disableThreading) == 0;
      }))
    args.push_back(disableThreading);
  reproducerAsked = llvm::any_of(args, [](llvm::StringRef arg) {
    return arg.ltrim('-').starts_with("mlir-pass-pipeline-crash-reproducer");
  });
  auto [inputFilename, outputFilename] = mlir::registerAndParseCLIOptions(
      args.size(), args.data(), "Spine compiler driver\n", registry);

  mlir::MlirOptMainConfig config =
      mlir::MlirOptMainConfig::createFromCLOptions();
  // The input is verified by the first pass instead of the parser, so that
  // known upstream verifier faults are diagnosed before the verifier runs.
  bool verifyInput = config.shouldVerifyOnParsing();
  config.verifyOnParsing(false);
  config.setPassPipelineSetupFn(
      [base = config, verifyInput](mlir::PassManager &pm) mutable {
        pm.addInstrumentation(std::make_unique<PhaseTracker>());
        if (verifyInput)
          pm.addPass(std::make_unique<VerifyInputPass>());
        return base.setupPassPipeline(pm);
      });

  std::string errorMessage;
  std::unique_ptr<llvm::MemoryBuffer> input =
      mlir::openInputFile(inputFilename, &errorMessage);
  if (!input) {
    llvm::errs() << errorMessage << "\n";
    return 1;
  }
  if (!checkKnownParserFaults(*input,
                              inputFilename == "-" ? "<stdin>" : inputFilename))
    return 1;
  std::unique_ptr<llvm::ToolOutputFile> output =
      mlir::openOutputFile(outputFilename, &errorMessage);
  if (!output) {
    llvm::errs() << errorMessage << "\n";
    return 1;
  }

  llvm::CrashRecoveryContext::Enable();
  llvm::CrashRecoveryContext recovery;
  mlir::LogicalResult result = mlir::failure();
  phase = "parsing '" + inputFilename + "'";
  bool finished = recovery.RunSafely([&] {
    result =
        mlir::MlirOptMain(output->os(), std::move(input), registry, config);
  });
  if (!finished) {
    if (outputFilename != "-")
      llvm::sys::fs::remove(outputFilename);
    output.release(); // its state is unknown after the fault
    if (llvm::StringRef(phase).starts_with("parsing") && errorReported) {
      llvm::errs() << (inputFilename == "-" ? "<stdin>" : inputFilename)
                   << ": note: the parser faulted after reporting the error "
                      "above; the input is malformed\n";
      return 1;
    }
    return reportInternalError(inputFilename);
  }
  if (mlir::failed(result)) {
    // A pass that started and never ended crashed under MLIR's own crash
    // recovery (--mlir-pass-pipeline-crash-reproducer), which reported it.
    if (passInFlight)
      return reportInternalError(inputFilename);
    return 1;
  }
  output->keep();
  return 0;
}

// RUN: spine-opt %s -spine-legalize-bf16-vector-memory | FileCheck %s

// A bf16 vector of 9 lanes is loaded and stored as <9 x i16> (LLVM 22's x86
// backend aborts on <9 x bfloat> memory accesses); power-of-two lengths and
// other element types stay.

// CHECK-LABEL: llvm.func @copy_tail
// CHECK:         %[[BITS:.*]] = llvm.load %arg0 {alignment = 2 : i64} : !llvm.ptr -> vector<9xi16>
// CHECK:         %[[V:.*]] = llvm.bitcast %[[BITS]] : vector<9xi16> to vector<9xbf16>
// CHECK:         %[[F:.*]] = llvm.fpext %[[V]] : vector<9xbf16> to vector<9xf32>
// CHECK:         %[[T:.*]] = llvm.fptrunc %[[F]] : vector<9xf32> to vector<9xbf16>
// CHECK:         %[[OUT:.*]] = llvm.bitcast %[[T]] : vector<9xbf16> to vector<9xi16>
// CHECK:         llvm.store %[[OUT]], %arg1 {alignment = 2 : i64} : vector<9xi16>, !llvm.ptr
// CHECK:         llvm.load %arg0 {alignment = 2 : i64} : !llvm.ptr -> vector<8xbf16>
// CHECK:         llvm.load %arg0 {alignment = 2 : i64} : !llvm.ptr -> vector<9xf16>
llvm.func @copy_tail(%p: !llvm.ptr, %q: !llvm.ptr) {
  %v = llvm.load %p {alignment = 2 : i64} : !llvm.ptr -> vector<9xbf16>
  %f = llvm.fpext %v : vector<9xbf16> to vector<9xf32>
  %t = llvm.fptrunc %f : vector<9xf32> to vector<9xbf16>
  llvm.store %t, %q {alignment = 2 : i64} : vector<9xbf16>, !llvm.ptr
  %w = llvm.load %p {alignment = 2 : i64} : !llvm.ptr -> vector<8xbf16>
  llvm.store %w, %q {alignment = 2 : i64} : vector<8xbf16>, !llvm.ptr
  %h = llvm.load %p {alignment = 2 : i64} : !llvm.ptr -> vector<9xf16>
  llvm.store %h, %q {alignment = 2 : i64} : vector<9xf16>, !llvm.ptr
  llvm.return
}

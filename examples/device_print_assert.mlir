// tl.device_print and tl.device_assert as the Spine Triton frontend lowers
// them (linalgdir): program (x, 0, 0) prints its four values of x through
// spine_print_unranked_memref and asserts they are below a limit with
// spine_assert, both from libSpineTritonRuntime.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  llvm.mlir.global internal constant @print_pfx_x("x\00") {addr_space = 0 : i32}
  llvm.mlir.global internal constant @assert_msg("x < limit\00") {addr_space = 0 : i32}
  llvm.mlir.global internal constant @assert_file("device_print_assert.py\00") {addr_space = 0 : i32}
  llvm.mlir.global internal constant @assert_func("print_and_check\00") {addr_space = 0 : i32}
  func.func private @spine_print_unranked_memref(i32, i32, i32, !llvm.ptr, memref<*xf32>, i32, i32, i32, i32) -> i32
  llvm.func @spine_assert(i32, i32, i32, i1, !llvm.ptr, !llvm.ptr, i32, !llvm.ptr)
  func.func @print_and_check(%x: memref<*xf32>, %limit: f32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %pxi = arith.index_cast %px : i32 to index
    %start = arith.muli %pxi, %c4 : index
    %rx = memref.reinterpret_cast %x to offset: [%start], sizes: [4], strides: [1] : memref<*xf32> to memref<4xf32, strided<[1], offset: ?>>
    %buffer = memref.alloc() : memref<4xf32>
    memref.copy %rx, %buffer : memref<4xf32, strided<[1], offset: ?>> to memref<4xf32>
    %unranked = memref.cast %buffer : memref<4xf32> to memref<*xf32>
    %prefix = llvm.mlir.addressof @print_pfx_x : !llvm.ptr
    %bits = arith.constant 32 : i32
    %zero = arith.constant 0 : i32
    %printed = func.call @spine_print_unranked_memref(%px, %py, %pz, %prefix, %unranked, %bits, %zero, %zero, %zero) : (i32, i32, i32, !llvm.ptr, memref<*xf32>, i32, i32, i32, i32) -> i32
    %true = arith.constant true
    %all = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %true) -> (i1) {
      %v = memref.load %buffer[%i] : memref<4xf32>
      %below = arith.cmpf olt, %v, %limit : f32
      %next = arith.andi %acc, %below : i1
      scf.yield %next : i1
    }
    %msg = llvm.mlir.addressof @assert_msg : !llvm.ptr
    %file = llvm.mlir.addressof @assert_file : !llvm.ptr
    %func = llvm.mlir.addressof @assert_func : !llvm.ptr
    %line = arith.constant 7 : i32
    llvm.call @spine_assert(%px, %py, %pz, %all, %msg, %file, %line, %func) : (i32, i32, i32, i1, !llvm.ptr, !llvm.ptr, i32, !llvm.ptr) -> ()
    return
  }
}

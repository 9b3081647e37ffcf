// out = tanh(exp(gelu(x))) in f64, gelu with erf (issue 16: f64 math without
// an LLVM intrinsic became libm calls after the vector lowering had run).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 1 : i32>>} {
  func.func @gelu_f64(%in: memref<*xf64>, %out: memref<*xf64>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %ri = memref.reinterpret_cast %in to offset: [0], sizes: [100], strides: [1] : memref<*xf64> to memref<100xf64, strided<[1]>>
    %x = bufferization.to_tensor %ri restrict : memref<100xf64, strided<[1]>> to tensor<100xf64>
    %e0 = tensor.empty() : tensor<100xf64>
    %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<100xf64>) outs(%e0 : tensor<100xf64>) {
    ^bb0(%v: f64, %o: f64):
      %half = arith.constant 0.5 : f64
      %one = arith.constant 1.0 : f64
      %s = arith.constant 0.7071067811865476 : f64
      %t = arith.mulf %v, %s : f64
      %er = math.erf %t : f64
      %p = arith.addf %er, %one : f64
      %q = arith.mulf %p, %half : f64
      %r = arith.mulf %q, %v : f64
      %ex = math.exp %r : f64
      %th = math.tanh %ex : f64
      linalg.yield %th : f64
    } -> tensor<100xf64>
    %ro = memref.reinterpret_cast %out to offset: [0], sizes: [100], strides: [1] : memref<*xf64> to memref<100xf64, strided<[1]>>
    bufferization.materialize_in_destination %y in writable %ro : (tensor<100xf64>, memref<100xf64, strided<[1]>>) -> ()
    return
  }
}

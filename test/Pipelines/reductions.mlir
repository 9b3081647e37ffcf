// The fast pipeline's reductions: 128-wide chunks at VLEN 256, reduced
// unordered (reassoc: vfredusum on RVV, not the sequential vfredosum).
// RUN: spine-opt %s --spine-triton-e2e-pipeline | FileCheck %s

// CHECK-LABEL: llvm.func @row_sum
// CHECK: "llvm.intr.vector.reduce.fadd"(%{{.*}}, %{{.*}}) <{fastmathFlags = #llvm.fastmath<reassoc>}> : (f32, vector<128xf32>) -> f32
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @row_sum(%x: memref<*xf32>, %out: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %zero = arith.constant 0.0 : f32
    %rx = memref.reinterpret_cast %x to offset: [0], sizes: [1024], strides: [1] : memref<*xf32> to memref<1024xf32, strided<[1]>>
    %t = bufferization.to_tensor %rx restrict : memref<1024xf32, strided<[1]>> to tensor<1024xf32>
    %e = tensor.empty() : tensor<f32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<f32>) -> tensor<f32>
    %s = linalg.reduce ins(%t : tensor<1024xf32>) outs(%f : tensor<f32>) dimensions = [0]
      (%a: f32, %acc: f32) {
        %r = arith.addf %a, %acc : f32
        linalg.yield %r : f32
      }
    %ro = memref.reinterpret_cast %out to offset: [0], sizes: [], strides: [] : memref<*xf32> to memref<f32>
    bufferization.materialize_in_destination %s in writable %ro : (tensor<f32>, memref<f32>) -> ()
    return
  }
}

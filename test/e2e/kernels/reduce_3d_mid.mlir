// A 3-D block reduced along its middle axis: out[b, n] = sum_k x[b, k, n]
// over x[4x6x10] (tl.sum(x, axis=1)), plus max along the last axis into
// mx[b, k]. Grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @reduce_3d_mid(%src: memref<*xf32>, %out: memref<*xf32>, %mx: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %zero = arith.constant 0.0 : f32
    %ninf = arith.constant 0xFF800000 : f32
    %rx = memref.reinterpret_cast %src to offset: [0], sizes: [4, 6, 10], strides: [60, 10, 1] : memref<*xf32> to memref<4x6x10xf32, strided<[60, 10, 1]>>
    %x = bufferization.to_tensor %rx restrict : memref<4x6x10xf32, strided<[60, 10, 1]>> to tensor<4x6x10xf32>
    %e = tensor.empty() : tensor<4x10xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x10xf32>) -> tensor<4x10xf32>
    %s = linalg.reduce ins(%x : tensor<4x6x10xf32>) outs(%f : tensor<4x10xf32>) dimensions = [1]
      (%a: f32, %acc: f32) {
        %t = arith.addf %a, %acc : f32
        linalg.yield %t : f32
      }
    %e2 = tensor.empty() : tensor<4x6xf32>
    %f2 = linalg.fill ins(%ninf : f32) outs(%e2 : tensor<4x6xf32>) -> tensor<4x6xf32>
    %m = linalg.reduce ins(%x : tensor<4x6x10xf32>) outs(%f2 : tensor<4x6xf32>) dimensions = [2]
      (%a: f32, %acc: f32) {
        %t = arith.maxnumf %a, %acc : f32
        linalg.yield %t : f32
      }
    %ro = memref.reinterpret_cast %out to offset: [0], sizes: [4, 10], strides: [10, 1] : memref<*xf32> to memref<4x10xf32, strided<[10, 1]>>
    bufferization.materialize_in_destination %s in writable %ro : (tensor<4x10xf32>, memref<4x10xf32, strided<[10, 1]>>) -> ()
    %rm = memref.reinterpret_cast %mx to offset: [0], sizes: [4, 6], strides: [6, 1] : memref<*xf32> to memref<4x6xf32, strided<[6, 1]>>
    bufferization.materialize_in_destination %m in writable %rm : (tensor<4x6xf32>, memref<4x6xf32, strided<[6, 1]>>) -> ()
    return
  }
}

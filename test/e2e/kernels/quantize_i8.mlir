// Per-row symmetric int8 quantization: q = clamp(roundeven(x / scale[row]),
// -128, 127) as i8 (arith.fptosi + arith.trunci), then the dequantized
// q * scale as f32. 6x40 block, grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @quantize_i8(%src: memref<*xf32>, %scale: memref<*xf32>, %q: memref<*xi8>, %dq: memref<*xf32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %lo = arith.constant -128.0 : f32
    %hi = arith.constant 127.0 : f32
    %rx = memref.reinterpret_cast %src to offset: [0], sizes: [6, 40], strides: [40, 1] : memref<*xf32> to memref<6x40xf32, strided<[40, 1]>>
    %x = bufferization.to_tensor %rx restrict : memref<6x40xf32, strided<[40, 1]>> to tensor<6x40xf32>
    %rs = memref.reinterpret_cast %scale to offset: [0], sizes: [6], strides: [1] : memref<*xf32> to memref<6xf32, strided<[1]>>
    %s = bufferization.to_tensor %rs restrict : memref<6xf32, strided<[1]>> to tensor<6xf32>
    %eq = tensor.empty() : tensor<6x40xi8>
    %qt = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %s : tensor<6x40xf32>, tensor<6xf32>) outs(%eq : tensor<6x40xi8>) {
    ^bb0(%v: f32, %sc: f32, %o: i8):
      %d = arith.divf %v, %sc : f32
      %r = math.roundeven %d : f32
      %c0 = arith.maximumf %r, %lo : f32
      %c1 = arith.minimumf %c0, %hi : f32
      %i = arith.fptosi %c1 : f32 to i32
      %t = arith.trunci %i : i32 to i8
      linalg.yield %t : i8
    } -> tensor<6x40xi8>
    %ed = tensor.empty() : tensor<6x40xf32>
    %dqt = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%qt, %s : tensor<6x40xi8>, tensor<6xf32>) outs(%ed : tensor<6x40xf32>) {
    ^bb0(%v: i8, %sc: f32, %o: f32):
      %f = arith.sitofp %v : i8 to f32
      %m = arith.mulf %f, %sc : f32
      linalg.yield %m : f32
    } -> tensor<6x40xf32>
    %rq = memref.reinterpret_cast %q to offset: [0], sizes: [6, 40], strides: [40, 1] : memref<*xi8> to memref<6x40xi8, strided<[40, 1]>>
    bufferization.materialize_in_destination %qt in writable %rq : (tensor<6x40xi8>, memref<6x40xi8, strided<[40, 1]>>) -> ()
    %rd = memref.reinterpret_cast %dq to offset: [0], sizes: [6, 40], strides: [40, 1] : memref<*xf32> to memref<6x40xf32, strided<[40, 1]>>
    bufferization.materialize_in_destination %dqt in writable %rd : (tensor<6x40xf32>, memref<6x40xf32, strided<[40, 1]>>) -> ()
    return
  }
}

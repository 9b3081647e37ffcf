// A boolean result stored as int8 (Triton's i1 tensors live as i8 in
// memory): flags[i] = extui(x[i] > y[i] and x[i] != 0), with i8 wraparound
// arithmetic on a second i8 output: w[i] = a[i] + b[i] (mod 256). 200
// elements, grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @bool_store(%xs: memref<*xf32>, %ys: memref<*xf32>, %as: memref<*xi8>, %bs: memref<*xi8>, %flags: memref<*xi8>, %w: memref<*xi8>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %zero = arith.constant 0.0 : f32
    %rx = memref.reinterpret_cast %xs to offset: [0], sizes: [200], strides: [1] : memref<*xf32> to memref<200xf32, strided<[1]>>
    %x = bufferization.to_tensor %rx restrict : memref<200xf32, strided<[1]>> to tensor<200xf32>
    %ry = memref.reinterpret_cast %ys to offset: [0], sizes: [200], strides: [1] : memref<*xf32> to memref<200xf32, strided<[1]>>
    %y = bufferization.to_tensor %ry restrict : memref<200xf32, strided<[1]>> to tensor<200xf32>
    %ra = memref.reinterpret_cast %as to offset: [0], sizes: [200], strides: [1] : memref<*xi8> to memref<200xi8, strided<[1]>>
    %a = bufferization.to_tensor %ra restrict : memref<200xi8, strided<[1]>> to tensor<200xi8>
    %rb = memref.reinterpret_cast %bs to offset: [0], sizes: [200], strides: [1] : memref<*xi8> to memref<200xi8, strided<[1]>>
    %b = bufferization.to_tensor %rb restrict : memref<200xi8, strided<[1]>> to tensor<200xi8>
    %e = tensor.empty() : tensor<200xi8>
    %fl = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x, %y : tensor<200xf32>, tensor<200xf32>) outs(%e : tensor<200xi8>) {
    ^bb0(%p: f32, %q: f32, %o: i8):
      %gt = arith.cmpf ogt, %p, %q : f32
      %nz = arith.cmpf one, %p, %zero : f32
      %both = arith.andi %gt, %nz : i1
      %v = arith.extui %both : i1 to i8
      linalg.yield %v : i8
    } -> tensor<200xi8>
    %e2 = tensor.empty() : tensor<200xi8>
    %sum = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a, %b : tensor<200xi8>, tensor<200xi8>) outs(%e2 : tensor<200xi8>) {
    ^bb0(%p: i8, %q: i8, %o: i8):
      %v = arith.addi %p, %q : i8
      linalg.yield %v : i8
    } -> tensor<200xi8>
    %rf = memref.reinterpret_cast %flags to offset: [0], sizes: [200], strides: [1] : memref<*xi8> to memref<200xi8, strided<[1]>>
    bufferization.materialize_in_destination %fl in writable %rf : (tensor<200xi8>, memref<200xi8, strided<[1]>>) -> ()
    %rw = memref.reinterpret_cast %w to offset: [0], sizes: [200], strides: [1] : memref<*xi8> to memref<200xi8, strided<[1]>>
    bufferization.materialize_in_destination %sum in writable %rw : (tensor<200xi8>, memref<200xi8, strided<[1]>>) -> ()
    return
  }
}

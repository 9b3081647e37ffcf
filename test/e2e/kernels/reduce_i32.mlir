// Integer reductions along axis 1 of a 6x37 i32 block: sums[i] = sum_j x
// (arith.addi) and maxs[i] = max_j x (arith.maxsi, init INT32_MIN). Grid
// 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @reduce_i32(%src: memref<*xi32>, %sums: memref<*xi32>, %maxs: memref<*xi32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %zero = arith.constant 0 : i32
    %imin = arith.constant -2147483648 : i32
    %rx = memref.reinterpret_cast %src to offset: [0], sizes: [6, 37], strides: [37, 1] : memref<*xi32> to memref<6x37xi32, strided<[37, 1]>>
    %x = bufferization.to_tensor %rx restrict : memref<6x37xi32, strided<[37, 1]>> to tensor<6x37xi32>
    %e = tensor.empty() : tensor<6xi32>
    %f0 = linalg.fill ins(%zero : i32) outs(%e : tensor<6xi32>) -> tensor<6xi32>
    %s = linalg.reduce ins(%x : tensor<6x37xi32>) outs(%f0 : tensor<6xi32>) dimensions = [1]
      (%a: i32, %acc: i32) {
        %t = arith.addi %a, %acc : i32
        linalg.yield %t : i32
      }
    %f1 = linalg.fill ins(%imin : i32) outs(%e : tensor<6xi32>) -> tensor<6xi32>
    %m = linalg.reduce ins(%x : tensor<6x37xi32>) outs(%f1 : tensor<6xi32>) dimensions = [1]
      (%a: i32, %acc: i32) {
        %t = arith.maxsi %a, %acc : i32
        linalg.yield %t : i32
      }
    %rs = memref.reinterpret_cast %sums to offset: [0], sizes: [6], strides: [1] : memref<*xi32> to memref<6xi32, strided<[1]>>
    bufferization.materialize_in_destination %s in writable %rs : (tensor<6xi32>, memref<6xi32, strided<[1]>>) -> ()
    %rm = memref.reinterpret_cast %maxs to offset: [0], sizes: [6], strides: [1] : memref<*xi32> to memref<6xi32, strided<[1]>>
    bufferization.materialize_in_destination %m in writable %rm : (tensor<6xi32>, memref<6xi32, strided<[1]>>) -> ()
    return
  }
}

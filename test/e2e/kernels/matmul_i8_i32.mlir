// C[16x20] i32 = A[16x36] i8 . B[36x20] i8 (signed), linalg.matmul with i8
// ins and i32 outs (implicit sign extension). Grid 1x1x1.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @matmul_i8_i32(%a: memref<*xi8>, %b: memref<*xi8>, %c: memref<*xi32>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %zero = arith.constant 0 : i32
    %ra = memref.reinterpret_cast %a to offset: [0], sizes: [16, 36], strides: [36, 1] : memref<*xi8> to memref<16x36xi8, strided<[36, 1]>>
    %rb = memref.reinterpret_cast %b to offset: [0], sizes: [36, 20], strides: [20, 1] : memref<*xi8> to memref<36x20xi8, strided<[20, 1]>>
    %la = memref.alloc() : memref<16x36xi8>
    memref.copy %ra, %la : memref<16x36xi8, strided<[36, 1]>> to memref<16x36xi8>
    %ta = bufferization.to_tensor %la restrict writable : memref<16x36xi8> to tensor<16x36xi8>
    %lb = memref.alloc() : memref<36x20xi8>
    memref.copy %rb, %lb : memref<36x20xi8, strided<[20, 1]>> to memref<36x20xi8>
    %tb = bufferization.to_tensor %lb restrict writable : memref<36x20xi8> to tensor<36x20xi8>
    %e = tensor.empty() : tensor<16x20xi32>
    %f = linalg.fill ins(%zero : i32) outs(%e : tensor<16x20xi32>) -> tensor<16x20xi32>
    %mm = linalg.matmul ins(%ta, %tb : tensor<16x36xi8>, tensor<36x20xi8>) outs(%f : tensor<16x20xi32>) -> tensor<16x20xi32>
    %rc = memref.reinterpret_cast %c to offset: [0], sizes: [16, 20], strides: [20, 1] : memref<*xi32> to memref<16x20xi32, strided<[20, 1]>>
    bufferization.materialize_in_destination %mm in writable %rc : (tensor<16x20xi32>, memref<16x20xi32, strided<[20, 1]>>) -> ()
    return
  }
}

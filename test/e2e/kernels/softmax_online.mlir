// Online softmax over a row longer than the block: one row of N = 200 per
// program (grid 3x1x1), BLOCK = 64. A first scf.for over the column blocks
// carries the running max and the rescaled running sum as f32 iter_args
// (masked loads with other = -inf); a second scf.for writes
// exp(x - max) / sum block by block with masked stores.
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @softmax_online(%src: memref<*xf32>, %out: memref<*xf32>, %N: i32, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.0 : f32
    %Ni = arith.index_cast %N : i32 to index
    %row = arith.index_cast %px : i32 to index
    %rowoff = arith.muli %row, %Ni : index
    %e0 = tensor.empty() : tensor<f32>
    %e64 = tensor.empty() : tensor<64xf32>
    %stats:2 = scf.for %j = %c0 to %Ni step %c64 iter_args(%m = %ninf, %l = %zero) -> (f32, f32) {
      %jend0 = arith.addi %j, %c64 : index
      %jend = arith.minsi %jend0, %Ni : index
      %len = arith.subi %jend, %j : index
      %off = arith.addi %rowoff, %j : index
      %rx = memref.reinterpret_cast %src to offset: [%off], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1], offset: ?>>
      %ax = memref.alloc() : memref<64xf32>
      linalg.fill ins(%ninf : f32) outs(%ax : memref<64xf32>)
      %sx = memref.subview %rx[0] [%len] [1] : memref<64xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
      %dx = memref.subview %ax[0] [%len] [1] : memref<64xf32> to memref<?xf32, strided<[1]>>
      memref.copy %sx, %dx : memref<?xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1]>>
      %x = bufferization.to_tensor %ax restrict writable : memref<64xf32> to tensor<64xf32>
      %f0 = linalg.fill ins(%ninf : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
      %bm = linalg.reduce ins(%x : tensor<64xf32>) outs(%f0 : tensor<f32>) dimensions = [0]
        (%a: f32, %acc: f32) {
          %r = arith.maxnumf %a, %acc : f32
          linalg.yield %r : f32
        }
      %bmv = tensor.extract %bm[] : tensor<f32>
      %mnew = arith.maxnumf %m, %bmv : f32
      %ex = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<64xf32>) outs(%e64 : tensor<64xf32>) {
      ^bb0(%a: f32, %o: f32):
        %d = arith.subf %a, %mnew : f32
        %e = math.exp %d : f32
        linalg.yield %e : f32
      } -> tensor<64xf32>
      %f1 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
      %bs = linalg.reduce ins(%ex : tensor<64xf32>) outs(%f1 : tensor<f32>) dimensions = [0]
        (%a: f32, %acc: f32) {
          %r = arith.addf %a, %acc : f32
          linalg.yield %r : f32
        }
      %bsv = tensor.extract %bs[] : tensor<f32>
      %dm = arith.subf %m, %mnew : f32
      %sc = math.exp %dm : f32
      %ls = arith.mulf %l, %sc : f32
      %lnew = arith.addf %ls, %bsv : f32
      scf.yield %mnew, %lnew : f32, f32
    }
    scf.for %j = %c0 to %Ni step %c64 {
      %jend0 = arith.addi %j, %c64 : index
      %jend = arith.minsi %jend0, %Ni : index
      %len = arith.subi %jend, %j : index
      %off = arith.addi %rowoff, %j : index
      %rx = memref.reinterpret_cast %src to offset: [%off], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1], offset: ?>>
      %ax = memref.alloc() : memref<64xf32>
      linalg.fill ins(%ninf : f32) outs(%ax : memref<64xf32>)
      %sx = memref.subview %rx[0] [%len] [1] : memref<64xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
      %dx = memref.subview %ax[0] [%len] [1] : memref<64xf32> to memref<?xf32, strided<[1]>>
      memref.copy %sx, %dx : memref<?xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1]>>
      %x = bufferization.to_tensor %ax restrict writable : memref<64xf32> to tensor<64xf32>
      %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<64xf32>) outs(%e64 : tensor<64xf32>) {
      ^bb0(%a: f32, %o: f32):
        %d = arith.subf %a, %stats#0 : f32
        %e = math.exp %d : f32
        %q = arith.divf %e, %stats#1 : f32
        linalg.yield %q : f32
      } -> tensor<64xf32>
      %ro = memref.reinterpret_cast %out to offset: [%off], sizes: [64], strides: [1] : memref<*xf32> to memref<64xf32, strided<[1], offset: ?>>
      %part = tensor.extract_slice %y[0] [%len] [1] : tensor<64xf32> to tensor<?xf32>
      %so = memref.subview %ro[0] [%len] [1] : memref<64xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
      bufferization.materialize_in_destination %part in writable %so : (tensor<?xf32>, memref<?xf32, strided<[1], offset: ?>>) -> ()
    }
    return
  }
}

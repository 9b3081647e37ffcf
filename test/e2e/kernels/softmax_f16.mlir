// Row softmax on f16 data computed in f32: x.to(f32) (arith.extf), max,
// exp, sum, divide, .to(f16) (arith.truncf). One 80-wide row per program
// (grid 6x1x1).
module attributes {dlti.target_system_spec = #dlti.target_system_spec<"CPU" = #dlti.target_device_spec<"arch_id" = "0x503C", "num_threads" = 8 : i32>>} {
  func.func @softmax_f16(%src: memref<*xf16>, %out: memref<*xf16>, %gx: i32, %gy: i32, %gz: i32, %px: i32, %py: i32, %pz: i32) {
    %c80 = arith.constant 80 : index
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.0 : f32
    %row = arith.index_cast %px : i32 to index
    %off = arith.muli %row, %c80 : index
    %rin = memref.reinterpret_cast %src to offset: [%off], sizes: [80], strides: [1] : memref<*xf16> to memref<80xf16, strided<[1], offset: ?>>
    %xh = bufferization.to_tensor %rin restrict : memref<80xf16, strided<[1], offset: ?>> to tensor<80xf16>
    %e1 = tensor.empty() : tensor<80xf32>
    %x = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%xh : tensor<80xf16>) outs(%e1 : tensor<80xf32>) {
    ^bb0(%a: f16, %o: f32):
      %w = arith.extf %a : f16 to f32
      linalg.yield %w : f32
    } -> tensor<80xf32>
    %e0 = tensor.empty() : tensor<f32>
    %m0 = linalg.fill ins(%ninf : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
    %mx = linalg.reduce ins(%x : tensor<80xf32>) outs(%m0 : tensor<f32>) dimensions = [0]
      (%a: f32, %acc: f32) {
        %r = arith.maxnumf %a, %acc : f32
        linalg.yield %r : f32
      }
    %mv = tensor.extract %mx[] : tensor<f32>
    %ex = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<80xf32>) outs(%e1 : tensor<80xf32>) {
    ^bb0(%a: f32, %o: f32):
      %s = arith.subf %a, %mv : f32
      %e = math.exp %s : f32
      linalg.yield %e : f32
    } -> tensor<80xf32>
    %s0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
    %sum = linalg.reduce ins(%ex : tensor<80xf32>) outs(%s0 : tensor<f32>) dimensions = [0]
      (%a: f32, %acc: f32) {
        %r = arith.addf %a, %acc : f32
        linalg.yield %r : f32
      }
    %sv = tensor.extract %sum[] : tensor<f32>
    %eh = tensor.empty() : tensor<80xf16>
    %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%ex : tensor<80xf32>) outs(%eh : tensor<80xf16>) {
    ^bb0(%a: f32, %o: f16):
      %d = arith.divf %a, %sv : f32
      %t = arith.truncf %d : f32 to f16
      linalg.yield %t : f16
    } -> tensor<80xf16>
    %rout = memref.reinterpret_cast %out to offset: [%off], sizes: [80], strides: [1] : memref<*xf16> to memref<80xf16, strided<[1], offset: ?>>
    bufferization.materialize_in_destination %y in writable %rout : (tensor<80xf16>, memref<80xf16, strided<[1], offset: ?>>) -> ()
    return
  }
}

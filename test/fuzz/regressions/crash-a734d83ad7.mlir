module {
  tt.func public @mapelem_pack(%arg0: !tt.ptr<f32>, %arg1: !tt.ptr<f32>) attributes {noinline = false} {
    %0 = tt.make_range {end = 16 : i32, start = 0 : i32} : tensor<16xi32>
    %1 = tt.splat %arg0 : !tt.ptr<f32> -> tensor<16x!tt.ptr<f32>>
    %2 = tt.addptr %1, %0 : tensor<16x!tt.ptr<f32>>, tensor<16xi32>
    %3 = tt.load %2 : tensor<16x!tt.ptr<f32>>
    %4 = "tt.map_elementwise"(%3, %3) <{pack = 2147483648 : i32}> ({
    ^bb0(%arg2: f32, %arg3: f32, %arg4: f32, %arg5: f32):
      %7 = arith.addf %arg2, %arg4 : f32
      %8 = arith.addf %arg3, %arg5 : f32
      tt.map_elementwise.return %7, %8 : f32, f32
    }) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  }
}

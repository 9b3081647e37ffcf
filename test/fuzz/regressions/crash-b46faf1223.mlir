  linalg.broadcast ins(%bias : memref<16xf32>) outs(%bb : memref<4x16xf32>) dimensions = [18446744073709551616]

    %s = linalg.reduce ins(%t : tensor<1024xf32>) outs(%f : tensor<f32>) dimensions = 0]
